package io.vireo.cli;

import io.vireo.ingest.process.StopOutcome;
import io.vireo.ingest.kafka.broker.BrokerSettings;
import io.vireo.ingest.kafka.broker.BrokerStatus;
import io.vireo.ingest.kafka.broker.KafkaBrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = "The embedded Kafka broker: a real Kafka 4.x JVM (KRaft, one node, loopback).",
        subcommands = {KafkaCommand.Start.class, KafkaCommand.Stop.class, KafkaCommand.Status.class})
final class KafkaCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class DataDir {
        @Option(names = "--data-dir", description = "Broker data folder; survives restarts (default: $VIREO_HOME/kafka, ~/.vireo/kafka).")
        Path dataDir;

        Path path() {
            return dataDir != null ? dataDir : VireoHome.embeddedKafka();
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the broker (or report the one already running) and print its bootstrap address.")
    static final class Start implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Mixin
        DataDir dataDir;

        @Option(names = "--port", defaultValue = "0",
                description = "Client port; 0 picks a free one, kept for later restarts (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--heap", defaultValue = "512m", description = "Broker JVM heap (default: ${DEFAULT-VALUE}).")
        String heap;

        @Override
        public Integer call() {
            String bootstrap = startOrFind(dataDir.path(), port, heap);
            spec.commandLine().getOut().println(bootstrap);
            return 0;
        }
    }

    /** Starts a broker in {@code dir}, or returns the address of the one already running there. */
    static String startOrFind(Path dir, int port, String heap) {
        var running = KafkaBrokerProcess.find(dir);
        if (running.isPresent()) {
            System.err.println("broker already running: " + running.get().bootstrapServers() + " (pid " + running.get().pid() + ")");
            return running.get().bootstrapServers();
        }
        BrokerSettings settings = BrokerSettings.defaults(dir).withHeap(heap).withPorts(port, 0);
        System.err.println("starting Kafka in " + dir + " ...");
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(settings);
        System.err.println("Kafka running at " + broker.bootstrapServers() + " (pid " + broker.pid() + ", log "
                + broker.logFile() + ")");
        return broker.bootstrapServers();
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the broker gracefully (forced after --grace).")
    static final class Stop implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Mixin
        DataDir dataDir;

        @Option(names = "--grace", defaultValue = "30", description = "Seconds to wait for a clean shutdown (default: ${DEFAULT-VALUE}).")
        int graceSeconds;

        @Override
        public Integer call() {
            StopOutcome outcome = KafkaBrokerProcess.stop(dataDir.path(), Duration.ofSeconds(graceSeconds));
            spec.commandLine().getOut().println(outcome.summary(Duration.ofSeconds(graceSeconds)));
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Whether the broker runs, and where. Exit code 0 running, 3 not running.")
    static final class Status implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @picocli.CommandLine.Mixin
        DataDir dataDir;

        @Override
        public Integer call() {
            BrokerStatus status = KafkaBrokerProcess.status(dataDir.path());
            spec.commandLine().getOut().println(status.describe());
            return status.isRunning() ? 0 : 3;
        }
    }
}
