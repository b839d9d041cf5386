package io.vireo.ingest.kafka;

/** Kafka could not be reached or refused what was asked; the message names the address. */
public class KafkaUnavailableException extends Exception {
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
