package io.vireo.ingest.publish;

import io.vireo.ingest.kafka.testing.TestKafka;
import io.vireo.ingest.record.ChunkRecords;
import io.vireo.ingest.record.VideoChunk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Everything in a topic, read back with a real consumer: chunks per stream in partition order. */
final class TopicContents {

    private TopicContents() {
    }

    static Map<String, List<VideoChunk>> read(TestKafka kafka, String topic) {
        Map<String, List<VideoChunk>> streams = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties("read-" + UUID.randomUUID()))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out reading " + topic);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    streams.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(ChunkRecords.fromRecord(record));
                }
            }
        }
        return streams;
    }
}
