package io.vireo.ingest.kafka;

import io.vireo.ingest.record.ChunkRecords;

/**
 * The topic chunks are published to, with the settings it is created with when missing.
 *
 * @param maxMessageBytes the topic's {@code max.message.bytes}; also sizes producer and consumer limits
 */
public record ChunkTopic(String name, int partitions, short replicationFactor, int maxMessageBytes) {

    public ChunkTopic {
        if (name == null || !name.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("topic '" + name + "' is not a valid Kafka topic name");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication-factor must be >= 1, got " + replicationFactor);
        }
        if (maxMessageBytes < 1 << 20) {
            throw new IllegalArgumentException("max-message-bytes must be >= 1 MiB, got " + maxMessageBytes);
        }
    }

    public static ChunkTopic defaults() {
        return new ChunkTopic(ChunkRecords.DEFAULT_TOPIC, 4, (short) 1, MessageLimits.DEFAULT_MAX_MESSAGE_BYTES);
    }

    public ChunkTopic named(String topic) {
        return new ChunkTopic(topic, partitions, replicationFactor, maxMessageBytes);
    }

    public MessageLimits limits() {
        return new MessageLimits(maxMessageBytes);
    }

    public ChunkTopic withPartitions(int count) {
        return new ChunkTopic(name, count, replicationFactor, maxMessageBytes);
    }
}
