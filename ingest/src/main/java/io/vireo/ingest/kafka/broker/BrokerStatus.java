package io.vireo.ingest.kafka.broker;

import java.nio.file.Path;

/** What a data dir says about its broker; {@link #describe()} is the line {@code vireo kafka status} prints. */
public sealed interface BrokerStatus {

    Path dataDir();

    String describe();

    default boolean isRunning() {
        return this instanceof Running;
    }

    record Running(RunningBroker broker) implements BrokerStatus {
        @Override
        public Path dataDir() {
            return broker.dataDir();
        }

        @Override
        public String describe() {
            return "running at " + broker.bootstrapServers() + " (pid " + broker.pid() + ")";
        }
    }

    record NotRunning(Path dataDir) implements BrokerStatus {
        @Override
        public String describe() {
            return "not running";
        }
    }

    /** A pid file whose process is gone (a crash or kill -9) or is no longer a broker for this dir. */
    record StalePidFile(Path dataDir, long pid, Path pidFile) implements BrokerStatus {
        @Override
        public String describe() {
            return "stale pid file " + pidFile + ": pid " + pid + " is not a running broker for this data dir";
        }
    }
}
