package io.vireo.ingest.kafka.testing;

import io.vireo.ingest.process.StopOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsolatedKafkaTest {

    @Test
    void survivesAKillAndKeepsItsAddressAndTopics(@TempDir Path dir) throws Exception {
        try (IsolatedKafka broker = TestKafka.startIsolated(dir)) {
            TestKafka kafka = broker.kafka();
            String topic = kafka.createUniqueTopic("crash", 2);
            long firstPid = broker.pid();

            broker.kill();
            assertThat(broker.isRunning()).isFalse();
            assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

            broker.start();
            assertThat(broker.pid()).isNotEqualTo(firstPid);
            try (Admin admin = Admin.create(kafka.adminProperties())) {
                assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(2);
            }
            assertThat(broker.stop()).isEqualTo(StopOutcome.GRACEFUL);
        }
    }
}
