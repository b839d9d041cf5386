package io.vireo.flink.testing;

import io.vireo.ingest.kafka.testing.TestKafka;
import io.vireo.ingest.record.PairRecord;
import io.vireo.ingest.record.PairRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The pair topic as a downstream {@code read_committed} consumer sees it after the job finished. */
public final class CommittedPairs {

    private CommittedPairs() {
    }

    /** Every committed pair of the topic; reads until three polls in a row come back empty. */
    public static List<PairRecord> read(TestKafka kafka, String topic) {
        Properties props = kafka.consumerProperties("reader-" + topic);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<PairRecord> pairs = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            int emptyPolls = 0;
            while (emptyPolls < 3) {
                var records = consumer.poll(Duration.ofSeconds(2));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    pairs.add(PairRecords.decode(r.value()));
                }
            }
        }
        return pairs;
    }
}
