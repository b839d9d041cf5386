package io.vireo.cli;

import io.vireo.ingest.process.StopOutcome;
import io.vireo.flink.cluster.ClusterStatus;
import io.vireo.flink.cluster.FlinkClusterProcess;
import io.vireo.flink.cluster.FlinkClusterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "flink", mixinStandardHelpOptions = true,
        description = "A standalone Flink 2.2 session cluster on loopback: a JobManager and N TaskManagers, each its own JVM.",
        subcommands = {FlinkCommand.Start.class, FlinkCommand.Stop.class, FlinkCommand.Status.class})
final class FlinkCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class DataDir {
        @Option(names = "--data-dir", description = "Cluster config, logs, checkpoints (default: $VIREO_HOME/flink, ~/.vireo/flink).")
        Path dataDir;

        Path path() {
            return dataDir != null ? dataDir : VireoHome.path().resolve("flink");
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the cluster (or report the one already running) and print its REST address.")
    static final class Start implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDir dataDir;

        @Option(names = "--task-managers", defaultValue = "2", description = "TaskManager processes (default: ${DEFAULT-VALUE}).")
        int taskManagers;

        @Option(names = "--slots", defaultValue = "2", description = "Slots per TaskManager (default: ${DEFAULT-VALUE}).")
        int slots;

        @Override
        public Integer call() {
            Path dir = dataDir.path();
            var running = FlinkClusterProcess.find(dir);
            if (running.isPresent()) {
                spec.commandLine().getErr().println("cluster already running in " + dir);
                spec.commandLine().getOut().println(running.get().restAddress());
                return 0;
            }
            spec.commandLine().getErr().println("starting a Flink JobManager and " + taskManagers + " TaskManagers in " + dir + " ...");
            // Not dieWithParent: the cluster is meant to outlive this command, until 'vireo flink stop'.
            FlinkClusterProcess cluster = FlinkClusterProcess.start(
                    FlinkClusterSettings.defaults(dir).withTaskManagers(taskManagers, slots));
            spec.commandLine().getOut().println(cluster.restAddress());
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop every cluster process (graceful, forced after --grace).")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDir dataDir;

        @Option(names = "--grace", defaultValue = "30", description = "Seconds to wait for a clean shutdown (default: ${DEFAULT-VALUE}).")
        int graceSeconds;

        @Override
        public Integer call() {
            StopOutcome outcome = FlinkClusterProcess.stop(dataDir.path(), Duration.ofSeconds(graceSeconds));
            spec.commandLine().getOut().println(outcome.summary(Duration.ofSeconds(graceSeconds)));
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Whether the cluster runs, and where. Exit code 0 running, 3 not running.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataDir dataDir;

        @Override
        public Integer call() {
            ClusterStatus status = FlinkClusterProcess.status(dataDir.path());
            spec.commandLine().getOut().println(status.describe());
            return status.isRunning() ? 0 : 3;
        }
    }
}
