package io.vireo.ingest.kafka.broker;

/** The broker process could not be started or did not become ready; the message carries the log tail. */
public class BrokerStartException extends RuntimeException {
    public BrokerStartException(String message) {
        super(message);
    }

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
