package io.vireo.ingest.kafka.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerExtensionTest {

    @Test
    void roundTripsATenMebibyteRecordThroughATwentyMebibyteTopic(TestKafka kafka) throws Exception {
        String topic = kafka.createUniqueTopic("large", 1);
        byte[] value = new byte[10 * 1024 * 1024];
        new Random(42).nextBytes(value);

        try (Admin admin = Admin.create(kafka.adminProperties())) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("max.message.bytes").value()).isEqualTo(Integer.toString(20 * 1024 * 1024));
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProperties())) {
            RecordMetadata sent = producer.send(new ProducerRecord<>(topic, "cam-1", value)).get();
            assertThat(sent.offset()).isZero();
        }
        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.consumerProperties(topic + "-reader"))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }
        assertThat(received).hasSize(1);
        assertThat(received.get(0).key()).isEqualTo("cam-1");
        assertThat(received.get(0).value()).isEqualTo(value);
    }

    @Test
    void everyTestOfTheRunSeesTheSameBroker(TestKafka first, TestKafka second) {
        assertThat(first.bootstrapServers()).isEqualTo(second.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(first.uniqueTopicName("t")).isNotEqualTo(first.uniqueTopicName("t")).startsWith("t-");
    }

}
