package io.vireo.ingest.kafka.broker;

import io.vireo.ingest.process.StopOutcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each test owns its broker process and stops it in {@code finally}; they all die with this JVM anyway. */
class KafkaBrokerProcessTest {

    private static final Duration GRACE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private BrokerSettings settings() {
        return BrokerSettings.defaults(dir).withHeap("256m").withDieWithParent(true);
    }

    @Test
    void gracefulRestartKeepsDataClusterIdAndAddressUnderARunningProducer() throws Exception {
        KafkaBrokerProcess first = KafkaBrokerProcess.start(settings());
        KafkaBrokerProcess second = null;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(first.bootstrapServers()))) {
            String clusterId = clusterId(first.bootstrapServers());
            try (Admin admin = admin(first.bootstrapServers())) {
                admin.createTopics(List.of(new NewTopic("restart", 1, (short) 1))).all().get();
            }
            producer.send(new ProducerRecord<>("restart", "k", "before")).get();

            assertThat(first.stop(GRACE)).isEqualTo(StopOutcome.GRACEFUL);
            assertThat(first.isAlive()).isFalse();
            assertThat(KafkaBrokerProcess.status(dir)).isInstanceOf(BrokerStatus.NotRunning.class);

            second = KafkaBrokerProcess.start(settings());
            assertThat(second.bootstrapServers()).isEqualTo(first.bootstrapServers());
            assertThat(second.pid()).isNotEqualTo(first.pid());
            assertThat(clusterId(second.bootstrapServers())).isEqualTo(clusterId);
            // The producer created before the restart reconnects to the same address by itself.
            producer.send(new ProducerRecord<>("restart", "k", "after")).get();
            assertThat(readAll(second.bootstrapServers(), "restart", 2)).containsExactly("before", "after");

            // kill() is a crash: the pid file stays behind and is reported as stale.
            second.kill();
            assertThat(second.isAlive()).isFalse();
            assertThat(KafkaBrokerProcess.status(dir)).isInstanceOf(BrokerStatus.StalePidFile.class);
        } finally {
            first.stop(GRACE);
            if (second != null) {
                second.stop(GRACE);
            }
        }
    }

    @Test
    void statusFindAndStopWorkFromTheDataDirAlone() throws Exception {
        assertThat(KafkaBrokerProcess.status(dir).describe()).isEqualTo("not running");
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(settings());
        try {
            BrokerStatus status = KafkaBrokerProcess.status(dir);
            assertThat(status.isRunning()).isTrue();
            assertThat(status.describe()).isEqualTo("running at " + broker.bootstrapServers() + " (pid " + broker.pid() + ")");
            assertThat(KafkaBrokerProcess.find(dir)).contains(new RunningBroker(dir, broker.pid(), broker.bootstrapServers()));
            assertThat(Files.readString(dir.resolve("bootstrap.servers")).trim()).isEqualTo(broker.bootstrapServers());

            assertThatThrownBy(() -> KafkaBrokerProcess.start(settings()))
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("already runs on data dir " + dir)
                    .hasMessageContaining("pid " + broker.pid());

            // As a later CLI invocation would: by data dir only, not through the handle.
            long startedNanos = System.nanoTime();
            assertThat(KafkaBrokerProcess.stop(dir, GRACE)).isEqualTo(StopOutcome.GRACEFUL);
            assertThat(Duration.ofNanos(System.nanoTime() - startedNanos)).isLessThan(GRACE);
            assertThat(broker.isAlive()).isFalse();
            assertThat(Files.readString(dir.resolve("logs/server.log"))).contains("shut down completed");
            assertThat(KafkaBrokerProcess.status(dir).describe()).isEqualTo("not running");
            assertThat(KafkaBrokerProcess.find(dir)).isEmpty();
            assertThat(KafkaBrokerProcess.stop(dir, GRACE)).isEqualTo(StopOutcome.NOT_RUNNING);
        } finally {
            broker.stop(GRACE);
        }
    }

    @Test
    void pidFileOfADeadOrForeignProcessIsStale() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dir.resolve("broker.pid"), gone.pid() + "\n");

        BrokerStatus status = KafkaBrokerProcess.status(dir);
        assertThat(status).isInstanceOf(BrokerStatus.StalePidFile.class);
        assertThat(status.describe()).startsWith("stale pid file " + dir.resolve("broker.pid")).contains("pid " + gone.pid());

        // A reused pid: alive, but not a broker for this data dir (this very JVM).
        Files.writeString(dir.resolve("broker.pid"), ProcessHandle.current().pid() + "\n");
        assertThat(KafkaBrokerProcess.status(dir)).isInstanceOf(BrokerStatus.StalePidFile.class);

        assertThat(KafkaBrokerProcess.stop(dir, GRACE)).isEqualTo(StopOutcome.NOT_RUNNING);
        assertThat(dir.resolve("broker.pid")).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void takenPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> KafkaBrokerProcess.start(settings().withPorts(port, 0)))
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining("brokerPort 127.0.0.1:" + port + " is already in use");
        }
        assertThat(dir.resolve("broker.pid")).doesNotExist();
    }

    @Test
    void portTakenWhileTheBrokerJvmStartsIsRetriedOnFreshPorts() throws Exception {
        // Steal the broker port the moment it is persisted: after our free-port probe, before Kafka binds.
        Path identity = dir.resolve("broker-identity.properties");
        CompletableFuture<ServerSocket> thief = CompletableFuture.supplyAsync(() -> {
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.exists(identity)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no " + identity + " within 60 s");
                    }
                    Thread.sleep(5);
                }
                Properties p = new Properties();
                p.load(new StringReader(Files.readString(identity)));
                ServerSocket socket = new ServerSocket();
                socket.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(p.getProperty("broker.port"))));
                return socket;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        KafkaBrokerProcess broker = null;
        try {
            broker = KafkaBrokerProcess.start(settings());
            int stolenPort = thief.get(1, TimeUnit.SECONDS).getLocalPort();
            assertThat(broker.bootstrapServers()).isNotEqualTo("127.0.0.1:" + stolenPort);
            assertThat(Files.readString(dir.resolve("logs/server.log"))).contains("Address already in use");
        } finally {
            thief.thenAccept(KafkaBrokerProcessTest::closeQuietly);
            if (broker != null) {
                broker.stop(GRACE);
            }
        }
    }

    @Test
    void missingBrokerJarsAreNamed() throws Exception {
        // This module's classes and kafka-clients, as the CLI would have without kafka_2.13 at runtime.
        List<Path> withoutBroker = List.of(
                Path.of(BrokerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                Path.of(Admin.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        assertThatThrownBy(() -> KafkaBrokerProcess.start(settings().withClasspath(withoutBroker)))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageStartingWith("Kafka broker jars (org.apache.kafka:kafka_2.13) are not on the classpath");
        assertThat(dir.resolve("broker.pid")).doesNotExist();
    }

    @Test
    void brokerThatDiesDuringStartupIsReportedWithItsLogTail() throws Exception {
        // Claims to be formatted, but the meta.properties is garbage: Kafka refuses to start.
        Files.createDirectories(dir.resolve("kafka-logs"));
        Files.writeString(dir.resolve("kafka-logs/meta.properties"), "version=1\nnode.id=not-a-number\n");

        assertThatThrownBy(() -> KafkaBrokerProcess.start(settings()))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("last lines of " + dir.resolve("logs/server.log"))
                .hasMessageContaining("meta.properties");
        assertThat(KafkaBrokerProcess.status(dir)).isInstanceOf(BrokerStatus.NotRunning.class);
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // test cleanup only
        }
    }

    private static String clusterId(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            return admin.describeCluster().clusterId().get();
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static Properties producerProps(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }

    private static List<String> readAll(String bootstrap, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }
}
