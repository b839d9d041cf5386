package io.vireo.ingest.kafka;

import io.vireo.ingest.record.ChunkRecords;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds the last chunk sequence already published for a stream, so that re-running ingest
 * resumes instead of duplicating. Reads the stream's partition backwards in windows from the end,
 * so the cost depends on how recently the stream was written, not on the topic's size.
 */
public final class StreamPositions implements AutoCloseable {

    private static final int WINDOW = 64;
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Duration timeout;

    public StreamPositions(KafkaSettings kafka, ChunkTopic topic) {
        this.consumer = new KafkaConsumer<>(ClientConfigs.consumer(kafka, topic));
        this.timeout = kafka.requestTimeout();
    }

    public OptionalLong lastSequence(String topic, int partitions, String streamId) {
        TopicPartition partition = new TopicPartition(topic, StreamPartitioner.partitionFor(streamId, partitions));
        consumer.assign(List.of(partition));
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(List.of(partition), timeout);
        Map<TopicPartition, Long> end = consumer.endOffsets(List.of(partition), timeout);
        long low = begin.get(partition);
        long high = end.get(partition);
        while (high > low) {
            long from = Math.max(low, high - WINDOW);
            OptionalLong found = scan(partition, from, high, streamId);
            if (found.isPresent()) {
                return found;
            }
            high = from;
        }
        return OptionalLong.empty();
    }

    private OptionalLong scan(TopicPartition partition, long from, long to, String streamId) {
        consumer.seek(partition, from);
        long best = -1;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(partition) < to) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out reading " + partition + " offsets " + from + ".." + to);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.offset() < to && streamId.equals(record.key())) {
                    best = Math.max(best, ChunkRecords.sequenceOf(record.headers(),
                            partition + "@" + record.offset()));
                }
            }
        }
        return best < 0 ? OptionalLong.empty() : OptionalLong.of(best);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
