package io.vireo.bench;

import io.vireo.flink.PairBuilderJob;
import io.vireo.flink.PairJobConfig;
import io.vireo.flink.PairJobRunner;
import io.vireo.flink.decode.DecodedPictures;
import io.vireo.flink.decode.SegmentDecoder;
import io.vireo.flink.sample.SamplingGrid;
import io.vireo.ingest.chunk.ChunkerOptions;
import io.vireo.ingest.chunk.KeyframeChunker;
import io.vireo.ingest.ffmpeg.FfmpegCli;
import io.vireo.ingest.record.PairRecord;
import io.vireo.ingest.record.VideoChunk;
import io.vireo.synth.SceneSynthesizer;
import io.vireo.synth.SynthConfig;
import io.vireo.tracking.track.TrackerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.CloseableIterator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The pair builder's speed, each figure against a reference measured in the same run:
 * decode + sampling through the Flink job (frames decoded per second) against
 * {@code ffmpeg -f null} decoding the same file with the same number of threads (and the chunk
 * decoder alone, outside Flink, to tell decoding cost from pipeline cost), and region-tracked
 * pairs per second per tracker on synthetic scenes against the job's decode path alone on them.
 */
@Command(name = "pairs-benchmark", mixinStandardHelpOptions = true,
        description = "Measure decode+sample frames/s vs. the FFmpeg CLI and region pairs/s per tracker; "
                + "writes bench/results/pairs.json.")
public final class PairsBenchmark implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "180", description = "Length of the decode test video (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--size", defaultValue = "1280x720", description = "Frame size of the decode test video (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--threads", defaultValue = "2", description = "Decoding threads, for FFmpeg and for the job (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--scene-seconds", defaultValue = "30", description = "Length of the synthetic scene for tracking (default: ${DEFAULT-VALUE}).")
    int sceneSeconds;

    @Option(names = "--trackers", split = ",", defaultValue = "csrt,kcf,mil", description = "Trackers to measure (default: ${DEFAULT-VALUE}).")
    List<String> trackers;

    @Option(names = "--runs", defaultValue = "5", description = "Measured runs per contender; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--out", defaultValue = "bench/results/pairs.json", description = "Result file (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--work-dir", description = "Where the test videos go (default: a temp dir).")
    Path workDir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PairsBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("vireo-bench-pairs");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("runs", runs);
        figures.put("decode", decodeFigures(dir));
        figures.put("regionPairs", regionFigures(dir));
        figures.put("note", "decode ratios are ffmpeg time / vireo time (1 = as fast as the FFmpeg CLI); 'net' "
                + "subtracts the job's fixed start/stop cost, measured as the same job on no input. Vireo decodes every "
                + "frame and converts to BGR24 (what the pair builders need) only the frames sampling keeps; the "
                + "bgr24 reference converts all of them, the null reference none. 'ConvertingEveryFrame' is the "
                + "decoder converting every frame, the like-for-like comparison with the bgr24 reference; "
                + "'NoConversion' the decoder converting none, the like-for-like one with the null reference. "
                + "'marginal' is the job's frames/s between its first-half and whole-input runs: it leaves out what "
                + "every job pays once, including loading and compiling the decode path, which 'net' still includes. 'steady' is "
                + "the job's own rate between its first and last sampled frame (decoded frames between them over the "
                + "wall time between them, clocked inside the job): what a long-running job sustains.");
        ResultFiles.write(out, "pairs", figures);
        System.out.println("wrote " + out);
        if (workDir == null) {
            IngestBenchmark.deleteRecursively(dir);
        }
        return 0;
    }

    private Map<String, Object> decodeFigures(Path dir) throws Exception {
        Path video = dir.resolve("decode-" + seconds + "s-" + size + ".mp4");
        if (!Files.exists(video)) {
            System.err.println("encoding a " + seconds + " s " + size + " test video...");
            FfmpegCli.runFfmpeg(Duration.ofMinutes(30), "-y", "-v", "error", "-f", "lavfi", "-i",
                    "testsrc2=size=" + size + ":rate=30", "-t", Integer.toString(seconds), "-c:v", "libopenh264",
                    "-b:v", "4M", "-g", "30", "-pix_fmt", "yuv420p", video.toString());
        }
        List<VideoChunk> chunks = chunks(video, "decode");
        ChunkFiles stored = ChunkFiles.store(chunks, dir.resolve("decode-chunks"));
        ChunkFiles first = ChunkFiles.store(chunks.subList(0, 1), dir.resolve("decode-first-chunk"));
        List<VideoChunk> firstHalf = chunks.subList(0, Math.max(1, chunks.size() / 2));
        ChunkFiles half = ChunkFiles.store(firstHalf, dir.resolve("decode-first-half"));
        long halfFrames = firstHalf.stream().mapToLong(VideoChunk::frameCount).sum();
        long frames = chunks.stream().mapToLong(VideoChunk::frameCount).sum();
        String t = Integer.toString(threads);

        double ffmpegNull = Timings.medianSeconds(1, runs, () -> FfmpegCli.runFfmpeg(Duration.ofMinutes(30),
                "-v", "error", "-threads", t, "-i", video.toString(), "-f", "null", "-"));
        double ffmpegBgr = Timings.medianSeconds(1, runs, () -> FfmpegCli.runFfmpeg(Duration.ofMinutes(30),
                "-v", "error", "-threads", t, "-i", video.toString(), "-pix_fmt", "bgr24", "-f", "null", "-"));
        PairJobConfig config = PairJobConfig.DEFAULTS.toBuilder().parallelism(1).decodeThreads(threads).build();
        List<FrameClock.SteadyRate> steadyRuns = new ArrayList<>();
        double vireo = Timings.medianSeconds(1, runs, () -> steadyRuns.add(runDecodeAndSample(stored, config, true)));
        // The first run is the warm-up.
        double steady = Timings.median(steadyRuns.subList(1, steadyRuns.size()).stream()
                .mapToDouble(FrameClock.SteadyRate::framesPerSecond).toArray());
        SamplingGrid grid = SamplingGrid.fps(config.sampleFps());
        double segmentDecoder = Timings.medianSeconds(1, runs, () -> decodeAndSample(chunks, grid));
        double segmentDecoderAll = Timings.medianSeconds(1, runs, () -> decodeAndSample(chunks, SamplingGrid.everyFrame()));
        double segmentDecoderOnly = Timings.medianSeconds(1, runs, () -> decodeAndSample(chunks, null));
        // A source cannot be empty; one chunk filtered out leaves every operator idle.
        double overhead = Timings.medianSeconds(1, runs, () -> runDecodeAndSample(first, config, false));
        // Each job loads and compiles its data path afresh, which the empty job never runs; the
        // difference between the whole input and its first half leaves that out as well.
        double vireoHalf = Timings.medianSeconds(1, runs, () -> runDecodeAndSample(half, config, true));
        // A one-chunk input has no half: marginal falls back to net.
        double marginal = halfFrames < frames ? (frames - halfFrames) / Math.max(1e-9, vireo - vireoHalf)
                : frames / Math.max(1e-9, vireo - overhead);

        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("input", Map.of("seconds", seconds, "size", size, "codec", "h264", "frames", frames,
                "chunks", chunks.size(), "threads", threads, "sampleFps", config.sampleFps()));
        figure.put("ffmpegNullFramesPerSecond", frames / ffmpegNull);
        figure.put("ffmpegBgr24NullFramesPerSecond", frames / ffmpegBgr);
        figure.put("segmentDecoderAloneFramesPerSecond", frames / segmentDecoder);
        figure.put("segmentDecoderConvertingEveryFrameFramesPerSecond", frames / segmentDecoderAll);
        figure.put("segmentDecoderNoConversionFramesPerSecond", frames / segmentDecoderOnly);
        figure.put("vireoDecodeSampleFramesPerSecond", frames / vireo);
        figure.put("vireoNetFramesPerSecond", frames / Math.max(1e-9, vireo - overhead));
        figure.put("vireoMarginalFramesPerSecond", marginal);
        figure.put("jobOverheadSeconds", overhead);
        figure.put("vireoSteadyFramesPerSecond", steady);
        figure.put("sampledFrames", steadyRuns.get(0).sampled());
        figure.put("segmentDecoderVsFfmpegBgr24Ratio", ffmpegBgr / segmentDecoder);
        figure.put("segmentDecoderConvertingEveryFrameVsFfmpegBgr24Ratio", ffmpegBgr / segmentDecoderAll);
        figure.put("segmentDecoderNoConversionVsFfmpegNullRatio", ffmpegNull / segmentDecoderOnly);
        figure.put("vireoVsFfmpegNullRatio", ffmpegNull / vireo);
        figure.put("vireoVsFfmpegBgr24Ratio", ffmpegBgr / vireo);
        figure.put("netVsFfmpegNullRatio", ffmpegNull / Math.max(1e-9, vireo - overhead));
        figure.put("netVsFfmpegBgr24Ratio", ffmpegBgr / Math.max(1e-9, vireo - overhead));
        figure.put("marginalVsFfmpegNullRatio", marginal * ffmpegNull / frames);
        figure.put("marginalVsFfmpegBgr24Ratio", marginal * ffmpegBgr / frames);
        figure.put("steadyVsFfmpegNullRatio", steady * ffmpegNull / frames);
        figure.put("steadyVsFfmpegBgr24Ratio", steady * ffmpegBgr / frames);
        return figure;
    }

    private Map<String, Object> regionFigures(Path dir) throws Exception {
        Path scene = SceneSynthesizer.generate(SynthConfig.builder().seed(11).seconds(sceneSeconds).build(), dir,
                "scene").mp4();
        List<VideoChunk> chunks = chunks(scene, "scene");
        ChunkFiles stored = ChunkFiles.store(chunks, dir.resolve("scene-chunks"));
        long frames = chunks.stream().mapToLong(VideoChunk::frameCount).sum();
        PairJobConfig base = PairJobConfig.DEFAULTS.toBuilder().parallelism(1).decodeThreads(threads)
                .pairKinds(EnumSet.of(PairRecord.Kind.REGION)).build();
        double decodeOnly = Timings.medianSeconds(1, runs, () -> runDecodeAndSample(stored, base, true));

        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("input", Map.of("seconds", sceneSeconds, "size", "320x240", "frames", frames,
                "sampleFps", base.sampleFps(), "proposalsPerFrame", base.proposalsPerFrame()));
        figure.put("decodeSampleSeconds", decodeOnly);
        for (String name : trackers) {
            TrackerKind kind = TrackerKind.fromName(name);
            PairJobConfig config = base.toBuilder().tracker(kind).build();
            AtomicLong pairs = new AtomicLong();
            double seconds = Timings.medianSeconds(0, runs, () -> pairs.set(runPairs(stored, config)));
            Map<String, Object> tracker = new LinkedHashMap<>();
            tracker.put("seconds", seconds);
            tracker.put("pairs", pairs.get());
            tracker.put("pairsPerSecond", pairs.get() / seconds);
            tracker.put("videoSecondsPerSecond", sceneSeconds / seconds);
            tracker.put("trackingShareOfTime", Math.max(0, 1 - decodeOnly / seconds));
            figure.put(kind.trackerName(), tracker);
            System.err.printf("%s: %d region pairs in %.1f s%n", name, pairs.get(), seconds);
        }
        return figure;
    }

    /**
     * The decoder outside Flink, as the job's decode operator drives it: decode all, convert what
     * the grid keeps; with no grid, decode only (the like-for-like comparison with the null reference).
     */
    private void decodeAndSample(List<VideoChunk> chunks, SamplingGrid grid) throws Exception {
        try (SegmentDecoder decoder = new SegmentDecoder(threads)) {
            SamplingGrid.Position position = null;
            for (VideoChunk chunk : chunks) {
                try (DecodedPictures pictures = grid == null ? decoder.decode(chunk)
                        : decoder.decode(chunk, grid.runningFrom(position))) {
                    for (int i = 0; grid != null && i < pictures.count(); i++) {
                        SamplingGrid.Position after = grid.keep(position, pictures.ptsMicros(i));
                        if (after != null) {
                            position = after;
                            pictures.frame(chunk, i, i);
                        }
                    }
                }
            }
        }
    }

    private static List<VideoChunk> chunks(Path video, String stream) throws Exception {
        List<VideoChunk> chunks = new ArrayList<>();
        new KeyframeChunker(ChunkerOptions.defaults()).chunk(video.toString(), stream, 0, chunks::add, null);
        return chunks;
    }

    /** Sequencing, decoding and sampling as the job runs them, on a local MiniCluster, timed from inside. */
    private static FrameClock.SteadyRate runDecodeAndSample(ChunkFiles chunks, PairJobConfig config, boolean pass)
            throws Exception {
        StreamExecutionEnvironment env = environment(config);
        DataStream<VideoChunk> source = chunks.source(env).filter(c -> pass);
        PairBuilderJob.sampledFrames(source, config).frames().map(new FrameClock()).name("frame-clock")
                .sinkTo(new DiscardingSink<>());
        return FrameClock.SteadyRate.of(env.execute("decode-sample-benchmark"));
    }

    /** The whole pair path up to (not including) the sinks; returns pairs emitted. */
    private static long runPairs(ChunkFiles chunks, PairJobConfig config) throws Exception {
        StreamExecutionEnvironment env = environment(config);
        DataStream<VideoChunk> source = chunks.source(env);
        return count(PairBuilderJob.pairs(source, config).pairs().map(p -> 1L).returns(Types.LONG));
    }

    private static StreamExecutionEnvironment environment(PairJobConfig config) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.parallelism());
        PairJobRunner.configure(env, config);
        return env;
    }

    private static long count(DataStream<Long> ones) throws Exception {
        long n = 0;
        try (CloseableIterator<Long> it = ones.executeAndCollect()) {
            while (it.hasNext()) {
                n += it.next();
            }
        }
        return n;
    }
}
