package io.vireo.ingest.kafka;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition a stream lives in. Vireo sets partitions explicitly (with the same murmur2 hash
 * as Kafka's default partitioner) so the resume lookup reads exactly the partition the producer
 * writes, whatever partitioner a client is configured with.
 */
public final class StreamPartitioner {

    private StreamPartitioner() {
    }

    public static int partitionFor(String streamId, int partitions) {
        return Utils.toPositive(Utils.murmur2(streamId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
