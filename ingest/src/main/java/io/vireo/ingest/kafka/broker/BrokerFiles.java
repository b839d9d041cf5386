package io.vireo.ingest.kafka.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

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

    static Optional<String> readTrimmed(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Write-then-rename so a reader never sees half a pid or half a config. */
    static void writeAtomically(Path file, String content) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover pid file is reported as stale later; nothing is lost by ignoring this.
        }
    }
}
