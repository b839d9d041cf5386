package io.vireo.ingest.process;

import java.time.Duration;

/** How a request to stop a supervised process (the broker, a Flink cluster's processes) ended. */
public enum StopOutcome {
    /** Every process shut down on SIGTERM within the grace period. */
    GRACEFUL,
    /** At least one process outlived the grace period and was killed. */
    FORCED,
    /** There was no live process to stop. */
    NOT_RUNNING;

    /** What a stop command prints. */
    public String summary(Duration grace) {
        return switch (this) {
            case GRACEFUL -> "stopped";
            case FORCED -> "stopped (forced after " + grace.toSeconds() + " s)";
            case NOT_RUNNING -> "not running";
        };
    }
}
