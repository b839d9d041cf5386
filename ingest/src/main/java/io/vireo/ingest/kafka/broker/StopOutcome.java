package io.vireo.ingest.kafka.broker;

/** How a stop request ended. */
public enum StopOutcome {
    /** The broker shut down on SIGTERM within the grace period. */
    GRACEFUL,
    /** The grace period ran out and the broker was killed. */
    FORCED,
    /** There was no live broker to stop. */
    NOT_RUNNING
}
