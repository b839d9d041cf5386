package io.vireo.ingest.kafka;

import java.util.Map;

/**
 * One maximum message size, spelled out for every party that enforces it. Kafka checks the size
 * in four places (broker, topic, producer, consumer); raising only some of them fails with
 * {@code RecordTooLargeException} or a consumer that never makes progress, so they are always
 * derived together from here.
 */
public record MessageLimits(int maxMessageBytes) {

    /** 20 MiB: a chunk is at most 16 MiB plus headers, with headroom. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 20 * 1024 * 1024;

    // Kafka's own defaults; the limits only ever raise them, never lower them.
    private static final long KAFKA_BUFFER_MEMORY = 32L * 1024 * 1024;
    private static final long KAFKA_FETCH_MAX_BYTES = 50L * 1024 * 1024;
    private static final long KAFKA_BROKER_FETCH_MAX_BYTES = 55L * 1024 * 1024;
    private static final long KAFKA_SOCKET_REQUEST_MAX_BYTES = 100L * 1024 * 1024;
    /** Room for the record batch and request framing around one maximal record. */
    private static final long FRAMING = 1024 * 1024;

    public MessageLimits {
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024, was " + maxMessageBytes);
        }
    }

    public static MessageLimits defaults() {
        return new MessageLimits(DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** Broker-wide settings (server.properties). */
    public Map<String, String> brokerConfig() {
        return Map.of(
                "message.max.bytes", Integer.toString(maxMessageBytes),
                "replica.fetch.max.bytes", Integer.toString(maxMessageBytes),
                "replica.fetch.response.max.bytes", Long.toString(Math.max(10L * 1024 * 1024, maxMessageBytes + FRAMING)),
                "fetch.max.bytes", Long.toString(Math.max(KAFKA_BROKER_FETCH_MAX_BYTES, maxMessageBytes + FRAMING)),
                "socket.request.max.bytes", Long.toString(Math.max(KAFKA_SOCKET_REQUEST_MAX_BYTES, 2L * maxMessageBytes + FRAMING)));
    }

    /** Per-topic settings, for {@code NewTopic.configs}. */
    public Map<String, String> topicConfig() {
        return Map.of("max.message.bytes", Integer.toString(maxMessageBytes));
    }

    /** Producer settings; the buffer holds a few maximal records so one large send never blocks on another. */
    public Map<String, String> producerConfig() {
        return Map.of(
                "max.request.size", Integer.toString(maxMessageBytes),
                "buffer.memory", Long.toString(Math.max(KAFKA_BUFFER_MEMORY, 3L * maxMessageBytes)));
    }

    /** Consumer settings. */
    public Map<String, String> consumerConfig() {
        return Map.of(
                "max.partition.fetch.bytes", Integer.toString(maxMessageBytes),
                "fetch.max.bytes", Long.toString(Math.max(KAFKA_FETCH_MAX_BYTES, maxMessageBytes + FRAMING)));
    }
}
