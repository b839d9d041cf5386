package io.vireo.cli;

import io.vireo.ingest.kafka.ClientConfigs;
import io.vireo.ingest.kafka.ChunkTopic;
import io.vireo.ingest.kafka.KafkaSettings;
import io.vireo.ingest.record.PairRecord;
import io.vireo.ingest.record.PairRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** Counts the committed pairs in a pair topic by kind: what a trainer reading it would see. */
final class PairTopicStats {

    private PairTopicStats() {
    }

    static Map<PairRecord.Kind, Long> count(KafkaSettings kafka, String topic) {
        Properties props = ClientConfigs.consumer(kafka, ChunkTopic.defaults().named(topic));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<PairRecord.Kind, Long> counts = new EnumMap<>(PairRecord.Kind.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // Under read_committed the end offset is the last stable offset: everything before it is decided.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new CliException("timed out counting pairs in " + topic + " at " + kafka.bootstrapServers());
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    counts.merge(PairRecords.decode(record.value()).kind(), 1L, Long::sum);
                }
            }
        }
        return counts;
    }
}
