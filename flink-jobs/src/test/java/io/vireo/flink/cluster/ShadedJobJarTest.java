package io.vireo.flink.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vireo.ingest.kafka.testing.KafkaBrokerExtension;
import io.vireo.ingest.kafka.testing.TestKafka;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shaded job jar ({@code target/vireo-flink-jobs-*-job.jar}) on a cluster that, like a plain
 * Flink distribution, has neither Vireo nor Kafka nor connector classes: an exactly-once Kafka job
 * must run from the jar alone. The jar is built by {@code package}, not by {@code test}: this test
 * is skipped unless a jar newer than the compiled classes exists
 * ({@code ./mvnw -pl flink-jobs -am package -DskipTests}, then run it).
 */
@ExtendWith(KafkaBrokerExtension.class)
class ShadedJobJarTest {

    private static final long RECORDS = 1000;

    @Test
    void shadedJobJarRunsAnExactlyOnceKafkaJobOnAFlinkOnlyCluster(TestKafka kafka) throws Exception {
        Path jobJar = freshJobJar();
        Path dataDir = ClusterTestDirs.newDataDir("shaded");
        List<Path> flinkOnly = flinkOnlyClasspath(dataDir);
        try (URLClassLoader cluster = new URLClassLoader(urls(flinkOnly), null)) {
            for (String c : List.of("io.vireo.flink.PairJobRunner", "org.apache.kafka.clients.producer.KafkaProducer",
                    "org.apache.flink.connector.kafka.sink.KafkaSink", "org.bytedeco.ffmpeg.global.avcodec")) {
                assertThat(cluster.findResource(c.replace('.', '/') + ".class")).as("%s on the cluster classpath", c).isNull();
            }
        }
        String topic = kafka.createUniqueTopic("shaded", 1);
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        Properties producer = new Properties();
        producer.put("transaction.timeout.ms", "60000");
        CountingJob.runningCounts(env, RECORDS, 4, 500).sinkTo(KafkaSink.<String>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(KafkaRecordSerializationSchema.builder()
                        .setTopic(topic).setValueSerializationSchema(new SimpleStringSchema()).build())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix("shaded-" + topic)
                .build());
        // The test job's own classes and its test-only source connector travel in jars of their own.
        List<Path> jars = List.of(jobJar, TestJars.jarOf(dataDir.resolve("counting.jar"), CountingJob.class),
                jarContaining(org.apache.flink.connector.datagen.source.DataGeneratorSource.class));

        try (FlinkClusterProcess flink = FlinkClusterProcess.start(ClusterTestDirs.settings(dataDir)
                .withClasspath(flinkOnly).withTaskManagers(1, 2));
             ClusterSubmitter submitter = ClusterSubmitter.connect(flink.restAddress())) {
            JobID job = submitter.submit(env, "shaded-jar", jars);
            submitter.awaitSuccess(job, Duration.ofSeconds(120));
        }

        Properties props = kafka.consumerProperties("verify-" + topic);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> committed = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            for (int i = 0; i < 10 && committed.size() < RECORDS; i++) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> committed.add(r.value()));
            }
        }
        Set<String> distinct = new HashSet<>(committed);
        assertThat(committed).hasSize((int) RECORDS);
        assertThat(distinct).hasSize((int) RECORDS);
    }

    private static Path freshJobJar() throws Exception {
        Path classes = Path.of(FlinkProcessMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path target = classes.getParent();
        Path jar = null;
        try (var files = Files.list(target)) {
            jar = files.filter(f -> f.getFileName().toString().matches("vireo-flink-jobs-.*-job\\.jar")).findFirst().orElse(null);
        }
        Path marker = classes.resolve(FlinkProcessMain.class.getName().replace('.', '/') + ".class");
        Assumptions.assumeTrue(jar != null && Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(marker)) >= 0,
                "no job jar newer than the classes in " + target + "; build it with ./mvnw -pl flink-jobs -am package -DskipTests");
        return jar;
    }

    /**
     * What a Flink distribution's lib/ holds (Flink's runtime and its dependencies, logging), plus a
     * jar with only Vireo's launcher: no Vireo job code, no Kafka, no connectors, no JavaCV.
     */
    private static List<Path> flinkOnlyClasspath(Path dir) throws Exception {
        List<Path> out = new ArrayList<>();
        for (Path p : FlinkClusterSettings.currentClasspath()) {
            String s = p.toString();
            boolean vireoOrJobDependency = s.contains("/target/") || s.contains("/org/bytedeco/") || s.contains("/org/apache/kafka/")
                    || s.contains("flink-connector-") || s.contains("hadoop") || s.contains("parquet") || s.contains("/org/apache/avro/")
                    || s.contains("/com/fasterxml/");
            if (!vireoOrJobDependency) {
                out.add(p);
            }
        }
        Path launcher = dir.resolve("launcher.jar");
        Path classes = Path.of(FlinkProcessMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String entry = FlinkProcessMain.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(launcher))) {
            jar.putNextEntry(new JarEntry(entry));
            Files.copy(classes.resolve(entry), jar);
            jar.closeEntry();
        }
        out.add(launcher);
        return out;
    }

    private static Path jarContaining(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static URL[] urls(List<Path> paths) {
        return paths.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(p.toString(), e);
            }
        }).toArray(URL[]::new);
    }
}
