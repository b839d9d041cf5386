package io.vireo.bench;

import io.vireo.ingest.record.PairRecord;
import io.vireo.ingest.record.PairRecords;
import io.vireo.training.TrainingRun;
import io.vireo.training.backend.BackendInfo;
import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.config.TrainConfig;
import io.vireo.training.data.SyntheticShapesSource;
import io.vireo.training.method.Methods;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Training-step throughput of every {@code --method} through the real trainer ({@link TrainingRun}), side by
 * side in one run: ResNet-18 v1 width 1 at 64×64, each method's default settings (defaults.yaml) except the
 * batch, the MoCo queue (1024) and, for the patch methods, {@code patch.size} = 64. Image methods train on synthetic images
 * (80 px); the video methods on Parquet pair shards of synthetic scenes written here (both kinds), so their
 * figure includes PNG decoding instead of drawing.
 */
@Command(name = "methods-benchmark", mixinStandardHelpOptions = true,
        description = "Measure images/s of each method's training step (ResNet-18, 64 px); writes bench/results/methods.json.")
public final class MethodsBenchmark implements Callable<Integer> {

    @Option(names = "--steps", defaultValue = "3", description = "Measured steps per method (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "1", description = "Unmeasured steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--batch", defaultValue = "32", description = "Source images per step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--methods", split = ",", description = "Which methods (default: all); others are kept from an existing result file.")
    List<String> methods;

    @Option(names = "--out", defaultValue = "bench/results/methods.json", description = "Result file (default: ${DEFAULT-VALUE}).")
    Path out;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final int SIZE = 64;
    /** MoCo queue of moco-v2 and the video methods (the video shards hold more pairs than this). */
    private static final int QUEUE = 1024;

    public static void main(String[] args) {
        System.exit(new CommandLine(new MethodsBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (warmup < 1 || steps < 1 || batch < 2) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--warmup, --steps must be >= 1, --batch >= 2");
        }
        List<String> which = methods == null ? Methods.names() : methods;
        BackendInfo backend = TrainingBackend.initialise();
        Map<String, Object> previous = Files.exists(out) ? JSON.readValue(out.toFile(), Map.class) : Map.of();
        @SuppressWarnings("unchecked")
        Map<String, Object> previousMethods = (Map<String, Object>) previous.getOrDefault("methods", Map.of());
        Path shards = Files.createTempDirectory("vireo-bench-pairs");
        writeShards(shards.resolve("pairs-0.parquet"), QUEUE + 4 * batch);
        Map<String, Object> results = new LinkedHashMap<>();
        for (String m : Methods.names()) {
            if (which.contains(m)) {
                results.put(m, measure(m, shards));
                write(backend, results); // after each method: a long run stopped early keeps what it measured
            } else if (previousMethods.containsKey(m)) {
                results.put(m, previousMethods.get(m));
            }
        }
        write(backend, results);
        System.out.println("wrote " + out);
        return 0;
    }

    private void write(BackendInfo backend, Map<String, Object> results) throws IOException {
        Object moco = results.get("moco-v2");
        if (moco instanceof Map<?, ?> mm && mm.get("imagesPerSecond") instanceof Double base) {
            for (Object r : results.values()) {
                if (r instanceof Map<?, ?> rm && rm.get("imagesPerSecond") instanceof Double ips) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> w = (Map<String, Object>) rm;
                    w.put("vsMocoV2", ips / base);
                }
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("backend", backend.toString());
        figures.put("model", "resnet18 v1 width 1, 64x64");
        figures.put("batch", batch);
        figures.put("warmupSteps", warmup);
        figures.put("measuredSteps", steps);
        figures.put("methods", results);
        figures.put("note", "imagesPerSecond = source images (batch) x measured steps / their wall time, after the warm-up "
                + "steps; encoderInputsPerSecond is the trainer's own progress figure, rows of the batch's first "
                + "tensor per second (rotation 4 per image, exemplar 8 views, jigsaw 9 tiles, but relic-v2 only its 2 "
                + "large crops, pirl only the image without its 9 tiles, relative-patch-location only the centre). vsMocoV2 = imagesPerSecond / moco-v2's, same run. Each method's default settings "
                + "(defaults.yaml) except batch, moco.queueSize = 1024 and patch.size = 64. The machine is shared: "
                + "loadAverageBefore/After per method (2 cores).");
        ResultFiles.write(out, "methods", figures);
    }

    private Map<String, Object> measure(String method, Path shards) throws Exception {
        String loadBefore = TrainBenchmark.loadAverage();
        Path dir = Files.createTempDirectory("vireo-bench-methods");
        List<String> o = new ArrayList<>(List.of("method=" + method, "model.arch=resnet18", "model.inputSize=" + SIZE,
                "model.width=1.0", "batchSize=" + batch, "steps=" + (warmup + steps), "optim.warmupSteps=1",
                "output.dir=" + dir, "output.checkpointEvery=0", "output.resume=false", "moco.queueSize=" + QUEUE,
                "patch.size=" + SIZE, "patch.cell=" + (SIZE + SIZE / 3), "data.images=4096"));
        if (method.startsWith("video-")) {
            o.addAll(List.of("data.kind=parquet", "data.path=" + shards));
        } else {
            o.addAll(List.of("data.kind=synthetic", "data.imageSize=" + SIZE * 5 / 4));
        }
        TrainConfig config = TrainConfig.parse("", "methods-benchmark", o);
        System.err.printf("%s: %d + %d steps of %d...%n", method, warmup, steps, batch);
        List<Long> ends = new ArrayList<>();
        List<Double> encoderInputsPerSecond = new ArrayList<>();
        long start = System.nanoTime();
        TrainingRun.run(config, p -> {
            ends.add(System.nanoTime());
            encoderInputsPerSecond.add(p.imagesPerSecond());
        });
        double seconds = (ends.get(ends.size() - 1) - ends.get(warmup - 1)) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("measuredAt", java.time.Instant.now().toString());
        r.put("loadAverageBefore", loadBefore);
        r.put("loadAverageAfter", TrainBenchmark.loadAverage());
        r.put("imagesPerSecond", (double) steps * batch / seconds);
        r.put("secondsPerStep", seconds / steps);
        r.put("firstStepSeconds", (ends.get(0) - start) / 1e9);
        r.put("encoderInputsPerSecond", encoderInputsPerSecond.get(encoderInputsPerSecond.size() - 1));
        System.err.println(method + ": " + r);
        return r;
    }

    /** Pairs of synthetic scenes (view 2 = view 1 panned by 4 px), alternately frame-level and region-tracked. */
    private static void writeShards(Path file, int pairs) throws IOException {
        int side = SIZE * 5 / 4;
        SyntheticShapesSource scenes = new SyntheticShapesSource(pairs, 4, side, 5);
        try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(PairRecords.SCHEMA).withDataModel(GenericData.get()).build()) {
            for (int i = 0; i < pairs; i++) {
                Mat first = scenes.read(i).image();
                Mat second = new Mat();
                org.bytedeco.opencv.global.opencv_imgproc.resize(new Mat(first,
                        new org.bytedeco.opencv.opencv_core.Rect(4, 4, side - 4, side - 4)), second,
                        new org.bytedeco.opencv.opencv_core.Size(side, side));
                boolean region = i % 2 == 1;
                PairRecord.PairBox box = new PairRecord.PairBox(0, 0, side, side);
                w.write(PairRecords.toAvro(new PairRecord("bench-" + i, "bench", region ? PairRecord.Kind.REGION
                        : PairRecord.Kind.FRAME, 0, i * 1000L, i * 1000L + 500, i, i + 1, side, side, box, box,
                        region ? "csrt" : null, region ? 0.9 : null, region ? "bench" : null, "png", side, png(first),
                        png(second))));
            }
        }
    }

    private static byte[] png(Mat m) {
        try (BytePointer out = new BytePointer()) {
            if (!opencv_imgcodecs.imencode(".png", m, out)) {
                throw new IllegalStateException("png encode failed");
            }
            byte[] b = new byte[(int) out.limit()];
            out.get(b);
            return b;
        }
    }
}
