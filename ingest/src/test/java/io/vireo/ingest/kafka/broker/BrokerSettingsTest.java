package io.vireo.ingest.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vireo.ingest.kafka.MessageLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

    private final BrokerSettings defaults = BrokerSettings.defaults(Path.of("target/some-broker"));

    @Test
    void defaultsAreLoopbackFreePortsAndTwentyMebibyteMessages() {
        assertThat(defaults.dataDir()).isAbsolute();
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.brokerPort()).isZero();
        assertThat(defaults.controllerPort()).isZero();
        assertThat(defaults.heap()).isEqualTo("512m");
        assertThat(defaults.maxMessageBytes()).isEqualTo(20 * 1024 * 1024);
        assertThat(defaults.classpath()).isEqualTo(BrokerSettings.currentClasspath()).isNotEmpty();
        assertThat(defaults.dieWithParent()).isFalse();
        assertThat(defaults.toString()).doesNotContain(System.getProperty("java.class.path"));
    }

    @Test
    void invalidValuesNameTheirField() {
        assertThatThrownBy(() -> defaults.withHeap("lots")).hasMessageContaining("BrokerSettings.heap").hasMessageContaining("'lots'");
        assertThatThrownBy(() -> defaults.withPorts(70000, 0)).hasMessageContaining("BrokerSettings.brokerPort");
        assertThatThrownBy(() -> defaults.withPorts(0, -1)).hasMessageContaining("BrokerSettings.controllerPort");
        assertThatThrownBy(() -> defaults.withPorts(9092, 9092)).hasMessageContaining("BrokerSettings.controllerPort must differ");
        assertThatThrownBy(() -> defaults.withHost(" ")).hasMessageContaining("BrokerSettings.host");
        assertThatThrownBy(() -> defaults.withMaxMessageBytes(10)).hasMessageContaining("BrokerSettings.maxMessageBytes");
        assertThatThrownBy(() -> defaults.withClasspath(List.of())).hasMessageContaining("BrokerSettings.classpath");
        assertThatThrownBy(() -> defaults.withStartTimeout(Duration.ZERO)).hasMessageContaining("BrokerSettings.startTimeout");
        assertThatThrownBy(() -> BrokerSettings.defaults(null)).hasMessageContaining("BrokerSettings.dataDir");
    }

    @Test
    void messageLimitsRaiseEveryPartyTogether() {
        MessageLimits limits = defaults.messageLimits();
        String max = Integer.toString(20 * 1024 * 1024);
        assertThat(limits.brokerConfig()).containsEntry("message.max.bytes", max).containsEntry("replica.fetch.max.bytes", max);
        assertThat(limits.topicConfig()).containsEntry("max.message.bytes", max);
        assertThat(limits.producerConfig()).containsEntry("max.request.size", max);
        assertThat(Long.parseLong(limits.producerConfig().get("buffer.memory"))).isGreaterThan(20L * 1024 * 1024);
        assertThat(limits.consumerConfig()).containsEntry("max.partition.fetch.bytes", max);
        assertThat(Long.parseLong(limits.consumerConfig().get("fetch.max.bytes"))).isGreaterThan(20L * 1024 * 1024);
    }
}
