package io.vireo.flink.cluster;

/** A cluster process could not be started or did not become ready; the message carries the log tails. */
public class ClusterStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClusterStartException(String message) {
        super(message);
    }

    public ClusterStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
