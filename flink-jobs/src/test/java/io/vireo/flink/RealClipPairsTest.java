package io.vireo.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.vireo.flink.testing.CommittedPairs;
import io.vireo.ingest.chunk.ChunkerOptions;
import io.vireo.ingest.kafka.ChunkTopic;
import io.vireo.ingest.kafka.KafkaSettings;
import io.vireo.ingest.kafka.testing.KafkaBrokerExtension;
import io.vireo.ingest.kafka.testing.TestKafka;
import io.vireo.ingest.publish.IngestListener;
import io.vireo.ingest.publish.IngestReport;
import io.vireo.ingest.publish.IngestSource;
import io.vireo.ingest.publish.Ingestor;
import io.vireo.ingest.record.PairRecord;
import io.vireo.ingest.testing.TestVideos;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real footage, not our renders: every real clip of the test data (several codecs and containers,
 * camera footage, animation, physics demos) ingested into Kafka and run through the job with its
 * default settings. Both kinds of pairs must come out; synthetic scenes alone could hide proposals
 * or trackers tuned to flat backdrops and textured cuboids. Measured with the defaults: 5 region
 * pairs from the 11 clips (about 2 min of video), 180 with the texture and re-detection checks off;
 * the defaults favour precision (see RegionPairBuilderTest), the options trade it for yield.
 */
@ExtendWith(KafkaBrokerExtension.class)
class RealClipPairsTest {

    @Test
    void realClipsYieldFramePairsAndRegionPairs(TestKafka kafka) throws Exception {
        List<Path> clips = TestVideos.realClips();
        String chunkTopic = kafka.createUniqueTopic("real-chunks", 2);
        String pairTopic = kafka.createUniqueTopic("real-pairs", 2);
        List<IngestSource> sources = clips.stream()
                .map(c -> new IngestSource(c.toString(), c.getFileName().toString()))
                .toList();
        IngestReport ingest = new Ingestor(KafkaSettings.of(kafka.bootstrapServers()),
                ChunkTopic.defaults().named(chunkTopic).withPartitions(2), ChunkerOptions.defaults(), IngestListener.NONE)
                .ingest(sources);
        assertThat(ingest.ok()).as(ingest.summary()).isTrue();

        PairJobConfig config = PairJobConfig.fromMap(Map.ofEntries(
                Map.entry("bootstrap-servers", kafka.bootstrapServers()),
                Map.entry("chunk-topic", chunkTopic),
                Map.entry("pair-topic", pairTopic),
                Map.entry("consumer-group", "real-" + pairTopic),
                Map.entry("transactional-id-prefix", "real-" + pairTopic),
                Map.entry("bounded", "true"),
                Map.entry("checkpoint-interval", "2 s"),
                Map.entry("parallelism", "2")));
        long started = System.nanoTime();
        PairJobRunner.runLocal(config);
        long millis = (System.nanoTime() - started) / 1_000_000;

        List<PairRecord> pairs = CommittedPairs.read(kafka, pairTopic);
        Map<String, Map<PairRecord.Kind, Integer>> byClip = new TreeMap<>();
        for (PairRecord p : pairs) {
            byClip.computeIfAbsent(p.streamId(), k -> new TreeMap<>()).merge(p.kind(), 1, Integer::sum);
        }
        System.out.printf("real clips: %d pairs in %d ms; by clip %s%n", pairs.size(), millis, byClip);

        assertThat(pairs).extracting(PairRecord::kind).contains(PairRecord.Kind.FRAME, PairRecord.Kind.REGION);
        // A clip longer than the largest Δt holds at least one anchor whose partner is in the clip.
        List<String> longClips = new ArrayList<>();
        for (Path clip : clips) {
            if (durationMicros(clip) > config.maxDelta().toNanos() / 1000 + 500_000) {
                longClips.add(clip.getFileName().toString());
            }
        }
        assertThat(longClips).hasSizeGreaterThanOrEqualTo(4);
        assertThat(byClip).containsKeys(longClips.toArray(String[]::new));
        longClips.forEach(c -> assertThat(byClip.get(c)).as(c).containsKey(PairRecord.Kind.FRAME));
    }

    private static long durationMicros(Path clip) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            long micros = grabber.getLengthInTime();
            grabber.stop();
            return micros;
        }
    }

}
