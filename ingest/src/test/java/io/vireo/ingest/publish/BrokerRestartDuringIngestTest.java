package io.vireo.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.vireo.ingest.chunk.ChunkerOptions;
import io.vireo.ingest.kafka.ChunkTopic;
import io.vireo.ingest.kafka.KafkaSettings;
import io.vireo.ingest.kafka.testing.IsolatedKafka;
import io.vireo.ingest.kafka.testing.TestKafka;
import io.vireo.ingest.record.VideoChunk;
import io.vireo.ingest.testing.TestVideos;
import io.vireo.ingest.testing.TestVideos.Spec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away in the middle of an ingest and comes back: the idempotent producer must
 * deliver every chunk exactly once, in order.
 */
class BrokerRestartDuringIngestTest {

    @TempDir
    Path dir;

    @Test
    void gracefulRestartLosesAndDuplicatesNothing() throws Exception {
        assertExactlyOnceAcross(false);
    }

    @Test
    void crashAndRestartLosesAndDuplicatesNothing() throws Exception {
        assertExactlyOnceAcross(true);
    }

    private void assertExactlyOnceAcross(boolean crash) throws Exception {
        Path video = TestVideos.h264(dir, "long", Spec.of(40).size(160, 120));
        try (IsolatedKafka broker = TestKafka.startIsolated(dir.resolve("kafka"))) {
            String topic = broker.kafka().uniqueTopicName("restart");
            // Down after chunk 5 is handed over, back once chunk 12 is (or after a few seconds): the
            // chunks in between are produced while no broker is there and must be delivered after it
            // returns. The restart runs on its own thread because a producer that rebootstrapped
            // during the outage blocks send() until metadata returns, which is the backpressure we
            // want; restarting from the ingest thread would then wait on itself.
            CountDownLatch outageProduced = new CountDownLatch(1);
            CompletableFuture<Void> restarted = new CompletableFuture<>();
            IngestListener outage = new IngestListener() {
                @Override
                public void chunkHandled(IngestSource source, VideoChunk chunk, boolean published, long positionMicros) {
                    if (chunk.sequence() == 5) {
                        if (crash) {
                            broker.kill();
                        } else {
                            broker.stop();
                        }
                        CompletableFuture.runAsync(() -> {
                            awaitQuietly(outageProduced, Duration.ofSeconds(5));
                            broker.start();
                        }).whenComplete((done, error) -> {
                            if (error != null) {
                                restarted.completeExceptionally(error);
                            } else {
                                restarted.complete(null);
                            }
                        });
                    } else if (chunk.sequence() == 12) {
                        outageProduced.countDown();
                    }
                }
            };
            Ingestor ingestor = new Ingestor(KafkaSettings.of(broker.bootstrapServers()),
                    ChunkTopic.defaults().named(topic).withPartitions(1),
                    ChunkerOptions.defaults().withTargetDuration(Duration.ofSeconds(2)), outage);

            IngestReport report = ingestor.ingest(List.of(new IngestSource(video.toString(), "long")));
            restarted.get(2, TimeUnit.MINUTES);

            assertThat(report.ok()).as(report.summary()).isTrue();
            assertThat(report.published()).isEqualTo(20);
            List<VideoChunk> chunks = TopicContents.read(broker.kafka(), topic).get("long");
            assertThat(chunks).extracting(VideoChunk::sequence)
                    .containsExactlyElementsOf(LongStream.range(0, 20).boxed().toList());
        }
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
