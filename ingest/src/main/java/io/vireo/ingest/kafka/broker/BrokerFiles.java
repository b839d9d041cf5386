package io.vireo.ingest.kafka.broker;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout of a broker data dir. It is the only shared state between the JVM that started a
 * broker and a later CLI invocation that asks about it, so every name is fixed here.
 */
record BrokerFiles(Path dataDir) {

    Path identity() {
        return dataDir.resolve("broker-identity.properties");
    }

    Path serverProperties() {
        return dataDir.resolve("server.properties");
    }

    Path log4jConfig() {
        return dataDir.resolve("log4j2.properties");
    }

    Path classpathArgs() {
        return dataDir.resolve("classpath.args");
    }

    Path pidFile() {
        return dataDir.resolve("broker.pid");
    }

    Path bootstrapFile() {
        return dataDir.resolve("bootstrap.servers");
    }

    Path kafkaLogDir() {
        return dataDir.resolve("kafka-logs");
    }

    Path logsDir() {
        return dataDir.resolve("logs");
    }

    /** Log4j output of the broker. */
    Path serverLog() {
        return logsDir().resolve("server.log");
    }

    /** stdout + stderr of the child JVM: JVM errors and the storage tool end up here, not in the log. */
    Path consoleLog() {
        return logsDir().resolve("console.out");
    }

    /** StorageTool writes meta.properties last, so its presence means the format completed. */
    boolean isFormatted() {
        return Files.isRegularFile(kafkaLogDir().resolve("meta.properties"));
    }



}
