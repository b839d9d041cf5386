package io.vireo.cli.study;

import io.vireo.flink.PairJobConfig.InvalidJobConfigException;
import io.vireo.flink.PairJobConfig;
import io.vireo.flink.PairJobRunner;
import io.vireo.ingest.chunk.ChunkerOptions;
import io.vireo.ingest.kafka.ChunkTopic;
import io.vireo.ingest.kafka.KafkaSettings;
import io.vireo.ingest.publish.IngestListener;
import io.vireo.ingest.publish.IngestReport;
import io.vireo.ingest.publish.IngestSources;
import io.vireo.ingest.publish.Ingestor;
import io.vireo.ingest.record.PairRecord;
import io.vireo.synth.SceneSynthesizer;
import io.vireo.synth.SynthConfig;
import io.vireo.training.data.ParquetPairStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The video half of a study run: videos of one dataset (synthetic scenes rendered for the seed, or
 * the real clips) → ingest into a chunk topic of their own → the pair builder on a MiniCluster →
 * Parquet pair shards, and the frames of the frame pairs as an image folder for the image baselines.
 */
public final class VideoPairs {

    /** What one dataset and seed gave: where the pairs and frames are, and how many of each kind. */
    public record Data(String dataset, long seed, Path shards, Path frames, int videos, long frameImages, long framePairs,
                       long regionPairs) {

        /** Distinct examples {@code method} learns from: frames for image baselines, pairs of its kind for video methods. */
        public long examplesFor(String method) {
            return switch (method) {
                case "video-frame" -> framePairs;
                case "video-region" -> regionPairs;
                case "video-mixed" -> framePairs + regionPairs;
                default -> frameImages;
            };
        }
    }

    private final String bootstrap;
    private final StudyPrinter out;

    public VideoPairs(String bootstrap, StudyPrinter out) {
        this.bootstrap = bootstrap;
        this.out = out;
    }

    public Data build(String dataset, long seed, StudyConfig config, Path dir) throws Exception {
        List<String> inputs = switch (dataset) {
            case "synthetic" -> renderScenes(config.synthetic(), seed, dir.resolve("videos"));
            case "real" -> realClips(config.real());
            default -> throw new IllegalArgumentException("datasets: unknown '" + dataset + "'");
        };
        String run = String.format(Locale.ROOT, "%s-s%d", dataset, seed);
        String chunkTopic = "vireo.study." + run + ".chunks";
        out.step("ingesting %d %s videos into %s", inputs.size(), dataset, chunkTopic);
        IngestReport report = new Ingestor(KafkaSettings.of(bootstrap), ChunkTopic.defaults().named(chunkTopic),
                ChunkerOptions.defaults(), IngestListener.NONE).ingest(IngestSources.expand(inputs, null));
        if (!report.ok()) {
            throw new IllegalStateException("ingest of the " + dataset + " videos failed: " + report.summary());
        }
        Path shards = dir.resolve("shards");
        out.step("building pairs (Flink MiniCluster) into %s", shards);
        PairJobRunner.runLocal(jobConfig(config, bootstrap, run, chunkTopic, shards, seed));
        return fromShards(dataset, seed, inputs.size(), shards, dir.resolve("frames"), out);
    }

    /** Checks the study's {@code pairs} options before any work starts, with the job's own validation. */
    public static void checkSettings(StudyConfig config) {
        try {
            jobConfig(config, "localhost:9092", "check", "vireo.study.check.chunks", Path.of("shards"), config.seeds().get(0));
        } catch (InvalidJobConfigException e) {
            throw new IllegalArgumentException("pairs: " + String.join("; ", e.problems()), e);
        }
    }

    /** The pair job of one dataset and seed: the study's {@code pairs} options over what the study itself sets. */
    private static PairJobConfig jobConfig(StudyConfig config, String bootstrap, String run, String chunkTopic, Path shards,
                                           long seed) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(PairJobConfig.BOOTSTRAP_SERVERS, bootstrap);
        options.put(PairJobConfig.CHUNK_TOPIC, chunkTopic);
        options.put(PairJobConfig.BOUNDED, "true");
        options.put(PairJobConfig.KAFKA_SINK, "false");
        options.put(PairJobConfig.PARQUET_SINK, "true");
        options.put(PairJobConfig.SHARD_DIR, shards.toAbsolutePath().toString());
        options.put(PairJobConfig.SEED, Long.toString(seed));
        options.put(PairJobConfig.CONSUMER_GROUP, "vireo-study-" + run);
        options.putAll(config.pairs());
        return PairJobConfig.fromMap(options);
    }

    /** The pairs a pair-builder run left in {@code shards}, counted, and their frames written to {@code framesDir}. */
    public static Data fromShards(String dataset, long seed, int videos, Path shards, Path framesDir, StudyPrinter out)
            throws IOException {
        List<PairRecord> pairs = ParquetPairStream.readAll(shards);
        long frame = pairs.stream().filter(p -> p.kind() == PairRecord.Kind.FRAME).count();
        long region = pairs.size() - frame;
        Path frames = FrameImages.write(pairs, framesDir);
        long images = FrameImages.count(frames);
        out.step("%d frame-level and %d region-tracked pairs; %d frames for the image baselines", frame, region, images);
        return new Data(dataset, seed, shards, frames, videos, images, frame, region);
    }

    private List<String> renderScenes(StudyConfig.Synthetic s, long seed, Path dir) throws IOException {
        String[] size = s.size().split("x");
        List<String> videos = new ArrayList<>();
        out.step("rendering %d synthetic scenes (seed %d)", s.videos(), seed);
        for (int i = 0; i < s.videos(); i++) {
            // Seeds far apart per study seed, so two seeds never share a scene.
            SynthConfig config = SynthConfig.builder().width(Integer.parseInt(size[0])).height(Integer.parseInt(size[1]))
                    .fps(25).seconds(s.seconds()).seed(seed * 1000 + i).objectsPerShot(s.objects())
                    .meanShotSeconds(s.shotSeconds()).build();
            videos.add(SceneSynthesizer.generate(config, dir, String.format(Locale.ROOT, "scene-%03d", i)).ts().toString());
        }
        return videos;
    }

    private static List<String> realClips(StudyConfig.Real real) {
        Path dir = real.directory();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("datasets: 'real' needs the real clips in " + dir
                    + " (run scripts/fetch-real-data.sh, or set real.dir)");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<String> clips = files.filter(Files::isRegularFile).map(Path::toString).sorted().limit(real.maxClips()).toList();
            if (clips.isEmpty()) {
                throw new IllegalArgumentException("datasets: no clips in " + dir);
            }
            return clips;
        } catch (IOException e) {
            throw new UncheckedIOException("real.dir: cannot list " + dir, e);
        }
    }
}
