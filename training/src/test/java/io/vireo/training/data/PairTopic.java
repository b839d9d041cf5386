package io.vireo.training.data;

import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.vireo.ingest.kafka.testing.TestKafka;
import io.vireo.ingest.record.PairRecord;
import io.vireo.ingest.record.PairRecords;

/**
 * Test fixture: a pair topic as flink-jobs' exactly-once KafkaSink leaves it — transactional writes
 * (so the log holds commit markers between pairs), key = stream id, value = {@link PairRecords#encode}.
 * Pair i goes to partition i % partitions.
 */
public final class PairTopic {
    private PairTopic() {
    }

    /** Topic with pairs 0 … count-1 committed, plus one aborted transaction in the middle that readers must skip. */
    public static String create(TestKafka kafka, int partitions, int count) {
        return create(kafka, partitions, count, i -> false);
    }

    /** As {@link #create(TestKafka, int, int)}, pair i being REGION when {@code region.test(i)}. */
    public static String create(TestKafka kafka, int partitions, int count, java.util.function.IntPredicate region) {
        String topic = kafka.createUniqueTopic("pairs", partitions);
        Properties props = kafka.producerProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-writer");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            int half = count / 2;
            send(producer, topic, partitions, 0, half, region);
            producer.beginTransaction();
            for (int i = 0; i < partitions; i++) { // never committed: a Flink checkpoint that failed
                producer.send(new ProducerRecord<>(topic, i, "aborted", PairRecords.encode(PairShards.pair(99, 24))));
            }
            producer.flush();
            producer.abortTransaction();
            send(producer, topic, partitions, half, count, region);
        }
        return topic;
    }

    /** Commits pairs {@code from} … {@code to-1} to an existing topic, as the pair builder's next checkpoints would. */
    public static void append(TestKafka kafka, String topic, int partitions, int from, int to) {
        Properties props = kafka.producerProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-writer-" + from);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            send(producer, topic, partitions, from, to, i -> false);
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, int partitions, int from, int to,
                             java.util.function.IntPredicate region) {
        // A few transactions, like consecutive Flink checkpoints.
        for (int start = from; start < to; start += 7) {
            producer.beginTransaction();
            for (int i = start; i < Math.min(to, start + 7); i++) {
                PairRecord pair = PairShards.pair(i, 24, region.test(i) ? PairRecord.Kind.REGION : PairRecord.Kind.FRAME);
                producer.send(new ProducerRecord<>(topic, i % partitions, pair.streamId(), PairRecords.encode(pair)));
            }
            producer.commitTransaction();
        }
    }
}
