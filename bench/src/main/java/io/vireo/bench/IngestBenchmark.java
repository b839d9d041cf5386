package io.vireo.bench;

import io.vireo.ingest.chunk.ChunkerOptions;
import io.vireo.ingest.chunk.KeyframeChunker;
import io.vireo.ingest.ffmpeg.FfmpegCli;
import io.vireo.ingest.kafka.broker.BrokerSettings;
import io.vireo.ingest.kafka.broker.KafkaBrokerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Ingest throughput against FFmpeg's own segmenter on the same file, in the same run:
 * {@code ffmpeg -c copy -f segment} (the reference) vs. Vireo's chunker alone (remux to memory) vs.
 * the whole ingest path into a real Kafka broker (when one is given).
 */
@Command(name = "ingest-benchmark", mixinStandardHelpOptions = true,
        description = "Measure ingest throughput vs. the FFmpeg CLI's segmenter; writes bench/results/ingest.json.")
public final class IngestBenchmark implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "120", description = "Length of the synthetic test video (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--size", defaultValue = "1280x720", description = "Frame size of the test video (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--runs", defaultValue = "3", description = "Measured runs per contender; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--out", defaultValue = "bench/results/ingest.json", description = "Result file (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--work-dir", description = "Where the test video and segments go (default: a temp dir).")
    Path workDir;

    @Option(names = "--bootstrap", description = "Kafka to ingest into (default: a broker started for the run, in the work dir).")
    String bootstrap;

    @Option(names = "--no-kafka", description = "Measure the chunker alone, without publishing.")
    boolean noKafka;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IngestBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("vireo-bench-ingest");
        Path video = dir.resolve("bench-" + seconds + "s-" + size + ".mp4");
        if (!Files.exists(video)) {
            System.err.println("encoding a " + seconds + " s " + size + " test video...");
            FfmpegCli.runFfmpeg(Duration.ofMinutes(30), "-y", "-v", "error", "-f", "lavfi", "-i",
                    "testsrc2=size=" + size + ":rate=30", "-t", Integer.toString(seconds), "-c:v", "libopenh264",
                    "-b:v", "4M", "-g", "30", "-pix_fmt", "yuv420p", video.toString());
        }
        long fileBytes = Files.size(video);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("input", Map.of("seconds", seconds, "size", size, "codec", "h264", "gopFrames", 30,
                "fileBytes", fileBytes));
        figures.put("runs", runs);

        Path segments = dir.resolve("segments");
        double ffmpegSeconds = Timings.medianSeconds(1, runs, () -> {
            deleteRecursively(segments);
            Files.createDirectories(segments);
            FfmpegCli.runFfmpeg(Duration.ofMinutes(30), "-y", "-v", "error", "-i", video.toString(), "-map", "0:v",
                    "-c", "copy", "-f", "segment", "-segment_time", "2", "-segment_format", "mpegts",
                    segments.resolve("seg%05d.ts").toString());
        });
        long ffmpegSegments;
        try (Stream<Path> files = Files.list(segments)) {
            ffmpegSegments = files.count();
        }
        figures.put("ffmpegSegmentCli", throughput(ffmpegSeconds, fileBytes, ffmpegSegments));

        KeyframeChunker chunker = new KeyframeChunker(ChunkerOptions.defaults());
        AtomicLong chunks = new AtomicLong();
        double chunkerSeconds = Timings.medianSeconds(1, runs, () -> {
            chunks.set(0);
            chunker.chunk(video.toString(), "bench", 0, chunk -> chunks.incrementAndGet(), null);
        });
        figures.put("vireoChunker", throughput(chunkerSeconds, fileBytes, chunks.get()));
        figures.put("chunkerVsFfmpegRatio", ffmpegSeconds / chunkerSeconds);

        if (!noKafka) {
            double ingestSeconds;
            if (bootstrap != null) {
                ingestSeconds = KafkaIngestRun.medianSeconds(bootstrap, video, runs);
            } else {
                KafkaBrokerProcess broker = KafkaBrokerProcess.start(
                        BrokerSettings.defaults(dir.resolve("kafka")).withDieWithParent(true));
                try {
                    ingestSeconds = KafkaIngestRun.medianSeconds(broker.bootstrapServers(), video, runs);
                } finally {
                    broker.stop(Duration.ofSeconds(20));
                }
            }
            figures.put("vireoIngestToKafka", throughput(ingestSeconds, fileBytes, chunks.get()));
            figures.put("ingestVsFfmpegRatio", ffmpegSeconds / ingestSeconds);
        }
        figures.put("note", "ratios are ffmpeg time / vireo time: above 1 means Vireo is faster than the FFmpeg CLI "
                + "writing segments to disk; the chunker keeps segments in memory, ingest sends them to Kafka");
        ResultFiles.write(out, "ingest", figures);
        System.out.println("wrote " + out);
        if (workDir == null) {
            deleteRecursively(dir);
        }
        return 0;
    }

    private static Map<String, Object> throughput(double seconds, long bytes, long chunks) {
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("seconds", seconds);
        figure.put("megabytesPerSecond", bytes / 1e6 / seconds);
        figure.put("chunksPerSecond", chunks / seconds);
        figure.put("chunks", chunks);
        return figure;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
