package io.vireo.cli;

import io.vireo.ingest.kafka.KafkaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --bootstrap for every command that talks to Kafka; without it, the embedded broker is used. */
final class KafkaOptions {

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (default: the embedded broker started by 'vireo kafka start').")
    String bootstrap;

    @Option(names = "--connect-attempts", defaultValue = "4",
            description = "Attempts to reach Kafka, with doubling backoff from 1 s (default: ${DEFAULT-VALUE}).")
    int connectAttempts;

    KafkaSettings settings() {
        String servers = bootstrap != null ? bootstrap : embeddedBootstrap();
        return KafkaSettings.of(servers).withConnectAttempts(connectAttempts, java.time.Duration.ofSeconds(1));
    }

    private static String embeddedBootstrap() {
        Path file = VireoHome.embeddedKafka().resolve("bootstrap");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).strip();
            }
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
        throw new CliException("no --bootstrap given and no embedded broker has been started in "
                + VireoHome.embeddedKafka() + "; run 'vireo kafka start' or pass --bootstrap HOST:PORT");
    }
}
