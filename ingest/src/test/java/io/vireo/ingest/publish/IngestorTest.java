package io.vireo.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vireo.ingest.chunk.ChunkerOptions;
import io.vireo.ingest.ffmpeg.FfmpegCli;
import io.vireo.ingest.kafka.ChunkTopic;
import io.vireo.ingest.kafka.KafkaSettings;
import io.vireo.ingest.kafka.KafkaUnavailableException;
import io.vireo.ingest.kafka.testing.KafkaBrokerExtension;
import io.vireo.ingest.kafka.testing.TestKafka;
import io.vireo.ingest.record.VideoChunk;
import io.vireo.ingest.testing.TestVideos;
import io.vireo.ingest.testing.TestVideos.Spec;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class IngestorTest {

    @TempDir
    static Path dir;
    static Path video;

    @BeforeAll
    static void encode() throws Exception {
        video = TestVideos.h264(dir, "clip", Spec.of(8).withAudio());
    }

    @Test
    void chunksArriveInOrderPerStreamAndReassembleToTheSource(TestKafka kafka) throws Exception {
        String topic = kafka.uniqueTopicName("chunks");
        Path real = TestVideos.realClips().stream().filter(p -> p.getFileName().toString().equals("vtest.avi"))
                .findFirst().orElseThrow();
        IngestReport report = ingestor(kafka, topic).ingest(IngestSources.expand(List.of(video.toString(), real.toString()), null));

        assertThat(report.ok()).as(report.summary()).isTrue();
        Map<String, List<VideoChunk>> streams = TopicContents.read(kafka, topic);
        assertThat(streams).containsOnlyKeys("clip", "vtest");
        for (Map.Entry<String, List<VideoChunk>> stream : streams.entrySet()) {
            List<VideoChunk> chunks = stream.getValue();
            assertThat(chunks).extracting(VideoChunk::sequence)
                    .containsExactlyElementsOf(LongStream.range(0, chunks.size()).boxed().toList());
            Path source = stream.getKey().equals("clip") ? video : real;
            assertThat(decodedFrames(chunks, stream.getKey())).isEqualTo(FfmpegCli.decodedFrameCount(source));
        }
        assertThat(report.published()).isEqualTo(streams.values().stream().mapToLong(List::size).sum());
    }

    @Test
    void reIngestingTheSameStreamPublishesNothingTwice(TestKafka kafka) throws Exception {
        String topic = kafka.uniqueTopicName("chunks");
        List<IngestSource> sources = IngestSources.expand(List.of(video.toString()), null);
        IngestReport first = ingestor(kafka, topic).ingest(sources);
        IngestReport second = ingestor(kafka, topic).ingest(sources);

        assertThat(first.published()).isEqualTo(4);
        assertThat(second.published()).isZero();
        assertThat(second.alreadyPresent()).isEqualTo(4);
        assertThat(TopicContents.read(kafka, topic).get("clip")).hasSize(4);
    }

    @Test
    void aBadFileInAFolderIsReportedAndTheOthersArePublished(TestKafka kafka) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("folder/sub"));
        Files.copy(video, folder.resolve("good.mp4"));
        Files.writeString(folder.getParent().resolve("broken.mp4"), "not a video at all");
        Files.copy(TestVideos.truncated(video, 0.5), folder.getParent().resolve("half.mp4"));
        String topic = kafka.uniqueTopicName("chunks");

        IngestReport report = ingestor(kafka, topic).ingest(IngestSources.expand(List.of(folder.getParent().toString()), null));

        assertThat(report.ok()).isFalse();
        assertThat(report.sources()).extracting(s -> s.source().streamId()).containsExactly("broken", "half", "sub/good");
        SourceReport broken = report.sources().get(0);
        assertThat(broken.error()).contains("broken.mp4").contains("not a readable video");
        SourceReport half = report.sources().get(1);
        assertThat(half.damage()).isNotNull();
        assertThat(half.published()).isPositive();
        assertThat(report.sources().get(2).ok()).isTrue();
        Map<String, List<VideoChunk>> streams = TopicContents.read(kafka, topic);
        assertThat(streams).containsOnlyKeys("half", "sub/good");
        assertThat(streams.get("half")).hasSize((int) half.published());
        assertThat(report.summary()).contains("FAILED").contains("PARTIAL").contains("3 streams (2 with problems)");
    }

    @Test
    void anUnreachableUrlIsReportedWithTheCause(TestKafka kafka) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/live.ts";
        IngestReport report = ingestor(kafka, kafka.uniqueTopicName("chunks"))
                .ingest(IngestSources.expand(List.of(url), null));

        assertThat(report.sources().get(0).error()).startsWith(url).contains("cannot open stream");
    }

    @Test
    void aLiveHttpStreamIsChunkedAsItArrives(TestKafka kafka) throws Exception {
        Path ts = TestVideos.h264(dir, "live", Spec.of(6).container("ts"));
        try (LiveHttpServer server = LiveHttpServer.streaming(ts)) {
            String topic = kafka.uniqueTopicName("chunks");
            IngestReport report = ingestor(kafka, topic).ingest(IngestSources.expand(List.of(server.url()), "cam-1"));

            assertThat(report.ok()).as(report.summary()).isTrue();
            List<VideoChunk> chunks = TopicContents.read(kafka, topic).get("cam-1");
            assertThat(decodedFrames(chunks, "live")).isEqualTo(150);
        }
    }

    @Test
    void aLiveUdpStreamIsChunkedUntilItGoesSilent(TestKafka kafka) throws Exception {
        Path ts = TestVideos.h264(dir, "udp", Spec.of(4).container("ts"));
        int port;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        String url = "udp://127.0.0.1:" + port;
        String topic = kafka.uniqueTopicName("chunks");
        Ingestor ingestor = new Ingestor(KafkaSettings.of(kafka.bootstrapServers()),
                ChunkTopic.defaults().named(topic).withPartitions(1),
                ChunkerOptions.defaults().withIoTimeout(Duration.ofSeconds(2)), IngestListener.NONE);
        // The sender paces the file in real time, as a camera would, once the receiver is listening.
        Process sender = null;
        var ingest = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var report = ingest.submit(() -> ingestor.ingest(IngestSources.expand(List.of(url), "udp-cam")));
            Thread.sleep(1000);
            sender = FfmpegCli.startFfmpeg("-re", "-i", ts.toString(), "-c", "copy", "-f", "mpegts", url + "?pkt_size=1316");
            IngestReport result = report.get(60, java.util.concurrent.TimeUnit.SECONDS);

            assertThat(result.ok()).as(result.summary()).isTrue();
            List<VideoChunk> chunks = TopicContents.read(kafka, topic).get("udp-cam");
            assertThat(chunks).isNotEmpty();
            // UDP may drop datagrams and the receiver joins at the first keyframe it sees: most frames arrive.
            assertThat(decodedFrames(chunks, "udp")).isBetween(75L, 100L);
        } finally {
            if (sender != null) {
                sender.destroyForcibly();
            }
            ingest.shutdownNow();
        }
    }

    @Test
    void brokerDownFailsNamingTheAddress() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaSettings nowhere = KafkaSettings.of("127.0.0.1:" + closedPort).withConnectAttempts(2, Duration.ofMillis(100))
                .withRequestTimeout(Duration.ofSeconds(2));
        Ingestor ingestor = new Ingestor(nowhere, ChunkTopic.defaults(), ChunkerOptions.defaults(), IngestListener.NONE);

        assertThatThrownBy(() -> ingestor.ingest(IngestSources.expand(List.of(video.toString()), null)))
                .isInstanceOf(KafkaUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("after 2 attempts");
    }

    static Ingestor ingestor(TestKafka kafka, String topic) {
        return new Ingestor(KafkaSettings.of(kafka.bootstrapServers()), ChunkTopic.defaults().named(topic).withPartitions(3),
                ChunkerOptions.defaults(), IngestListener.NONE);
    }

    /** Frames FFmpeg decodes from the stream's chunks written back to back, as a consumer would re-assemble it. */
    static long decodedFrames(List<VideoChunk> chunks, String name) throws Exception {
        long frames = 0;
        for (VideoChunk chunk : chunks) {
            Path alone = dir.resolve(name.replace('/', '_') + "-" + chunk.sequence() + "." + chunk.container());
            Files.write(alone, chunk.payload());
            assertThat(FfmpegCli.decodedFrameCount(alone)).as("chunk %d alone", chunk.sequence()).isEqualTo(chunk.frameCount());
            frames += chunk.frameCount();
        }
        if (chunks.stream().allMatch(c -> c.container().equals("mpegts"))) {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (VideoChunk chunk : chunks) {
                joined.write(chunk.payload());
            }
            Path whole = dir.resolve(name.replace('/', '_') + "-joined.ts");
            Files.write(whole, joined.toByteArray());
            assertThat(FfmpegCli.decodedFrameCount(whole)).isEqualTo(frames);
        }
        return frames;
    }
}
