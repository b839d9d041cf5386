package io.vireo.ingest.kafka.testing;

import io.vireo.ingest.kafka.MessageLimits;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real Kafka broker for tests: its address plus helpers that apply Vireo's large-message
 * limits everywhere at once (broker, topic, producer, consumer).
 *
 * <p>Get the shared broker of the test JVM by declaring a {@code TestKafka} parameter in a class
 * annotated {@code @ExtendWith(KafkaBrokerExtension.class)}; get a private broker you may stop,
 * kill and restart with {@link #startIsolated(Path)}. Tests share the broker, so they must use
 * topics of their own: {@link #createUniqueTopic}.
 */
public final class TestKafka {

    private final String bootstrapServers;
    private final MessageLimits limits;

    TestKafka(String bootstrapServers, MessageLimits limits) {
        this.bootstrapServers = bootstrapServers;
        this.limits = limits;
    }

    /**
     * Starts a broker of your own in {@code dataDir} (free ports, dies with this JVM). Restarting it
     * keeps the bootstrap address and the data. Close it (try-with-resources) to stop it.
     */
    public static IsolatedKafka startIsolated(Path dataDir) {
        return IsolatedKafka.start(dataDir);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The largest record the broker, topics and client properties of this class accept (20 MiB). */
    public int maxMessageBytes() {
        return limits.maxMessageBytes();
    }

    /** {@code prefix} plus a random suffix, so tests sharing a broker never share a topic. */
    public String uniqueTopicName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a uniquely named topic (see {@link #createTopics}) and returns its name. */
    public String createUniqueTopic(String prefix, int partitions) {
        String name = uniqueTopicName(prefix);
        createTopics(partitions, name);
        return name;
    }

    /** Creates topics with replication factor 1 and {@code max.message.bytes} = {@link #maxMessageBytes()}. */
    public void createTopics(int partitions, String... names) {
        List<NewTopic> topics = Arrays.stream(names)
                .map(n -> new NewTopic(n, partitions, (short) 1).configs(limits.topicConfig()))
                .toList();
        try (Admin admin = Admin.create(adminProperties())) {
            admin.createTopics(topics).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics " + Arrays.toString(names) + " on " + bootstrapServers
                    + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics " + Arrays.toString(names), e);
        }
    }

    public Properties adminProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    /**
     * Producer properties with the large-message limits, {@code acks=all}, and Vireo's record types
     * (String key = stream id, byte[] value); override the serializers if you need others.
     */
    public Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.putAll(limits.producerConfig());
        return p;
    }

    /**
     * Consumer properties with the large-message limits, reading from the earliest offset,
     * String key / byte[] value; override the deserializers if you need others.
     */
    public Properties consumerProperties(String groupId) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.putAll(limits.consumerConfig());
        return p;
    }

    @Override
    public String toString() {
        return "TestKafka[" + bootstrapServers + "]";
    }
}
