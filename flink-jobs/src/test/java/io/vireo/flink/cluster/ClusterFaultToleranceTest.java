package io.vireo.flink.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vireo.ingest.kafka.testing.KafkaBrokerExtension;
import io.vireo.ingest.kafka.testing.TestKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A TaskManager JVM running part of a checkpointed job is killed (SIGKILL) mid-job; a replacement
 * joins; the job restores from its last checkpoint and the exactly-once Kafka sink still delivers
 * every record once to a read_committed consumer.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ClusterFaultToleranceTest {

    private static final long RECORDS = 6000;
    private static final int KEYS = 4;
    private static final double RATE = 300; // records per second in total: the job runs ~20 s

    private FlinkClusterProcess cluster;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.stop(Duration.ofSeconds(20));
        }
    }

    @Test
    void killedTaskManagerIsReplacedAndTheJobRecoversExactlyOnce(TestKafka kafka) throws Exception {
        Path dataDir = ClusterTestDirs.newDataDir("fault");
        cluster = FlinkClusterProcess.start(ClusterTestDirs.settings(dataDir));
        String topic = kafka.createUniqueTopic("cluster-eos", 2);

        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        Properties producer = new Properties();
        // Below the broker's transaction.max.timeout.ms; long enough to span a restart.
        producer.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
        CountingJob.runningCounts(env, RECORDS, KEYS, RATE)
                .sinkTo(KafkaSink.<String>builder()
                        .setBootstrapServers(kafka.bootstrapServers())
                        .setKafkaProducerConfig(producer)
                        .setRecordSerializer(KafkaRecordSerializationSchema.builder()
                                .setTopic(topic).setValueSerializationSchema(new SimpleStringSchema()).build())
                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setTransactionalIdPrefix("vireo-cluster-test-" + topic)
                        .build())
                .name("kafka").uid("kafka");

        try (ClusterSubmitter submitter = ClusterSubmitter.connect(cluster.restAddress())) {
            JobID job = submitter.submit(env, "counting-to-kafka", List.of());
            submitter.awaitStatus(job, JobStatus.RUNNING, Duration.ofSeconds(60));
            awaitCompletedCheckpoints(job, 2, Duration.ofSeconds(60));

            // Kill a TaskManager that runs tasks of the job (SLOTS load balancing spreads them over both).
            String victim = busiestTaskManager();
            long killedPid = cluster.killTaskManager(victim);
            assertThat(ProcessHandle.of(killedPid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(submitter.status(job).isGloballyTerminalState()).as("job must still be going when the TM dies").isFalse();

            cluster.startTaskManager();
            assertThat(cluster.taskManagerPids()).hasSize(2).doesNotContain(killedPid);

            submitter.awaitSuccess(job, Duration.ofSeconds(150));

            JsonNode exceptions = ClusterRest.get(cluster.restAddress(), "/jobs/" + job + "/exceptions",
                    Duration.ofSeconds(5)).orElseThrow();
            assertThat(exceptions.path("exceptionHistory").path("entries").size())
                    .as("the job failed over at least once: %s", exceptions).isPositive();
        }

        List<String> committed = readCommitted(kafka, topic, RECORDS);
        Set<String> expected = new HashSet<>();
        IntStream.range(0, KEYS).forEach(k -> LongStream.rangeClosed(1, RECORDS / KEYS).forEach(c -> expected.add(k + ":" + c)));
        assertThat(committed).doesNotHaveDuplicates().hasSize((int) RECORDS).containsExactlyInAnyOrderElementsOf(expected);
    }

    private String busiestTaskManager() {
        Map<String, Integer> busy = ClusterRest.busySlots(cluster.restAddress(), Duration.ofSeconds(5)).orElseThrow();
        return busy.entrySet().stream().filter(e -> cluster.taskManagerIds().contains(e.getKey()))
                .max(Map.Entry.comparingByValue())
                .filter(e -> e.getValue() > 0)
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new AssertionError("no TaskManager runs a task of the job: " + busy));
    }

    private void awaitCompletedCheckpoints(JobID job, int atLeast, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int completed = 0;
        while (System.nanoTime() < deadline) {
            completed = ClusterRest.get(cluster.restAddress(), "/jobs/" + job + "/checkpoints", Duration.ofSeconds(5))
                    .map(n -> n.path("counts").path("completed").asInt()).orElse(0);
            if (completed >= atLeast) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("only " + completed + " checkpoints completed within " + timeout);
    }

    /** Everything committed to the topic; keeps polling a little after the expected count to catch duplicates. */
    private static List<String> readCommitted(TestKafka kafka, String topic, long expected) {
        Properties props = kafka.consumerProperties("verify-" + topic);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    out.add(r.value());
                }
                if (out.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
        }
        return out;
    }
}
