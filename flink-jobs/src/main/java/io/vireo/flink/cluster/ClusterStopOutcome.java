package io.vireo.flink.cluster;

/** How a stop request ended. */
public enum ClusterStopOutcome {
    /** Every process shut down on SIGTERM within the grace period. */
    GRACEFUL,
    /** At least one process outlived the grace period and was killed. */
    FORCED,
    /** There was no live process to stop. */
    NOT_RUNNING
}
