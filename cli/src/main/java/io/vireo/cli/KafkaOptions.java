package io.vireo.cli;

import io.vireo.ingest.kafka.KafkaSettings;
import io.vireo.ingest.kafka.broker.KafkaBrokerProcess;
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
        var running = KafkaBrokerProcess.find(VireoHome.embeddedKafka());
        if (running.isPresent()) {
            return running.get().bootstrapServers();
        }
        throw new CliException("no --bootstrap given and no embedded broker is running in "
                + VireoHome.embeddedKafka() + "; run 'vireo kafka start' or pass --bootstrap HOST:PORT");
    }
}
