package io.vireo.bench;

import io.vireo.training.TrainingResult;
import io.vireo.training.augment.BatchProducer;
import io.vireo.training.data.PairStream;
import io.vireo.training.method.Methods;
import io.vireo.training.method.TrainingMethod;
import io.vireo.training.objective.MocoV2;
import io.vireo.training.TrainingRun;
import io.vireo.training.backend.BackendInfo;
import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.config.TrainConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * MoCo v2 training throughput of the real trainer ({@link TrainingRun}: augmentation thread, key
 * forward with shuffled BN, query forward/backward, SGD, queue) on synthetic images, for ResNet-18 at
 * 64×64 and ResNet-50 at 224×224, batch 64, queue 65,536, head 2048/128. Reference in the same run:
 * the same MoCo v2 step in PyTorch on the Debian peer ({@code bench/scripts/moco_v2_step_torch.py}),
 * when {@code /usr/bin/python3} has torch.
 */
@Command(name = "train-benchmark", mixinStandardHelpOptions = true,
        description = "Measure MoCo v2 training images/s (ResNet-18 64px, ResNet-50 224px); writes bench/results/train.json.")
public final class TrainBenchmark implements Callable<Integer> {

    @Option(names = "--r18-steps", defaultValue = "30", description = "Measured ResNet-18 steps (default: ${DEFAULT-VALUE}).")
    int r18Steps;

    @Option(names = "--r50-steps", defaultValue = "10", description = "Measured ResNet-50 steps (default: ${DEFAULT-VALUE}).")
    int r50Steps;

    @Option(names = "--warmup", defaultValue = "2", description = "Unmeasured ResNet-18 steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--r50-warmup", defaultValue = "1", description = "Unmeasured ResNet-50 steps first (default: ${DEFAULT-VALUE}).")
    int r50Warmup;

    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch for the reference (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--cases", split = ",", defaultValue = "resnet18,resnet50",
            description = "Which cases to measure (default: ${DEFAULT-VALUE}); others are kept from an existing result file.")
    List<String> cases;

    @Option(names = "--out", defaultValue = "bench/results/train.json", description = "Result file (default: ${DEFAULT-VALUE}).")
    Path out;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (warmup < 1 || r50Warmup < 1 || r18Steps < 1 || r50Steps < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "warm-up and measured steps must be >= 1");
        }
        BackendInfo backend = TrainingBackend.initialise();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("backend", backend.toString());
        figures.put("batch", batch);
        figures.put("warmupSteps", Map.of("resnet18", warmup, "resnet50", r50Warmup));
        Map<String, Object> previous = Files.exists(out) ? JSON.readValue(out.toFile(), Map.class) : Map.of();
        figures.put("resnet18_64px", cases.contains("resnet18") ? measure("resnet18", 64, warmup, r18Steps)
                : previous.getOrDefault("resnet18_64px", "not measured"));
        figures.put("resnet50_224px", cases.contains("resnet50") ? measure("resnet50", 224, r50Warmup, r50Steps)
                : previous.getOrDefault("resnet50_224px", "not measured"));
        figures.put("note", "images/s = batch / median step time over the measured steps, after warm-up steps; Vireo "
                + "includes its augmentation thread (synthetic images drawn at 1.25x the input size), PyTorch runs the model "
                + "on fixed random tensors, half of its steps before Vireo's and half after, pooled; ratio = PyTorch median "
                + "step / Vireo median step. GFLOP/s: conv + dense "
                + "multiply-adds x2 of the query forward+backward (3x forward) and key forward, plus the queue logits, "
                + "over the median step; peaks: median 2048^3 float32 matmul in each framework, same run. "
                + "Each case has /proc/loadavg before and after it (2 cores).");
        ResultFiles.write(out, "train", figures);
        System.out.println("wrote " + out);
        return 0;
    }

    private Map<String, Object> measure(String arch, int size, int warmup, int steps) throws Exception {
        // The reference runs in its own process, half of its steps before Vireo's and half after (A B A): the
        // shared machine's speed drifts by several per cent over minutes, and a drift then moves both medians alike.
        // Never at the same time: ResNet-50 at batch 64 needs ~15 GB in this JVM and several in PyTorch.
        String loadBefore = loadAverage();
        System.err.printf("%s at %d px, PyTorch reference (first half)...%n", arch, size);
        TorchFigures torchBefore = torchReference(arch, size, warmup, steps - steps / 2);
        Path dir = Files.createTempDirectory("vireo-bench-train");
        TrainConfig config = TrainConfig.parse("", "train-benchmark", List.of(
                "model.arch=" + arch, "model.inputSize=" + size, "model.width=1.0", "batchSize=" + batch,
                "data.kind=synthetic", "data.imageSize=" + size * 5 / 4, "data.images=100000",
                "steps=" + (warmup + steps), "optim.warmupSteps=1", "output.dir=" + dir,
                "output.checkpointEvery=0", "output.resume=false"));
        double pipelineImagesPerSecond = pipelineAlone(config);
        System.err.printf("%s at %d px: %d + %d steps of %d...%n", arch, size, warmup, steps, batch);
        List<Long> stepEnds = new ArrayList<>();
        long start = System.nanoTime();
        TrainingResult run = TrainingRun.run(config, p -> stepEnds.add(System.nanoTime()));
        double[] stepSeconds = new double[steps];
        for (int i = 0; i < steps; i++) {
            stepSeconds[i] = (stepEnds.get(warmup + i) - stepEnds.get(warmup + i - 1)) / 1e9;
        }
        double vireoStep = Timings.median(stepSeconds);
        double stepFlops = ModelFlops.mocoStep(
                ModelFlops.forwardPerImage(((MocoV2) run.objective()).encoder().getConfiguration(), size, size, 3), batch,
                config.mocoSettings().head().outDim(), config.mocoSettings().queueSize());
        double nd4jPeak = nd4jMatmulGflops();
        run = null;
        releaseNd4jMemory();
        TorchFigures torchAfter = null;
        if (torchBefore != null && steps / 2 > 0) {
            System.err.printf("%s at %d px, PyTorch reference (second half)...%n", arch, size);
            torchAfter = torchReference(arch, size, warmup, steps / 2);
        }
        TorchFigures torch = TorchFigures.pooled(torchBefore, torchAfter);

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("measuredAt", java.time.Instant.now().toString());
        r.put("loadAverageBefore", loadBefore);
        r.put("loadAverageAfter", loadAverage());
        r.put("measuredSteps", steps);
        r.put("vireoMedianStepSeconds", vireoStep);
        r.put("vireoStepSeconds", stepSeconds);
        r.put("vireoImagesPerSecond", batch / vireoStep);
        r.put("firstStepSeconds", (stepEnds.get(0) - start) / 1e9);
        r.put("gflopPerStep", stepFlops / 1e9);
        r.put("vireoGflops", stepFlops / vireoStep / 1e9);
        r.put("nd4jMatmulPeakGflops", nd4jPeak);
        r.put("vireoFractionOfMatmulPeak", stepFlops / vireoStep / 1e9 / nd4jPeak);
        r.put("dataPipelineAloneImagesPerSecond", pipelineImagesPerSecond);
        if (torch != null) {
            double torchStep = Timings.median(torch.stepSeconds());
            r.put("pytorchMedianStepSeconds", torchStep);
            r.put("pytorchStepSeconds", torch.stepSeconds());
            r.put("pytorchMedianStepSecondsBeforeAndAfterVireo", new double[] {Timings.median(torchBefore.stepSeconds()),
                    torchAfter == null ? Double.NaN : Timings.median(torchAfter.stepSeconds())});
            r.put("pytorchImagesPerSecond", batch / torchStep);
            r.put("pytorchGflops", stepFlops / torchStep / 1e9);
            r.put("pytorchMatmulPeakGflops", torch.matmulGflops());
            r.put("pytorchFractionOfMatmulPeak", stepFlops / torchStep / 1e9 / torch.matmulGflops());
            r.put("vireoVsPytorchRatio", torchStep / vireoStep);
        } else {
            r.put("pytorchImagesPerSecond", "not measured (no torch in " + python + ")");
        }
        System.err.println(r);
        return r;
    }

    /**
     * The trainer's own batch producer (decode, MoCo v2 augmentations of both views) on this thread
     * with no model running: whether the one augmentation thread can keep ahead of a step.
     */
    private static double pipelineAlone(TrainConfig config) throws Exception {
        TrainingMethod method = Methods.require(config.method());
        try (PairStream stream = method.open(config)) {
            BatchProducer producer = method.batches(config, stream);
            long[] next = {0};
            double seconds = Timings.medianSeconds(1, 5, () -> producer.make(next[0]++));
            return config.batchSize() / seconds;
        }
    }

    /**
     * Median of ten 2048³ float32 products through ND4J's BLAS on all cores: the peak a training step is compared
     * with (the trainer itself runs OpenBLAS on one thread, see {@code TrainingBackend.singleBlasThreadForTraining}).
     */
    private static double nd4jMatmulGflops() throws Exception {
        int n = 2048;
        org.nd4j.linalg.api.blas.Blas blas = Nd4j.factory().blas();
        int threads = blas.getMaxThreads();
        blas.setMaxThreads(Runtime.getRuntime().availableProcessors());
        try (INDArray a = Nd4j.rand(DataType.FLOAT, n, n); INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
                INDArray c = Nd4j.create(DataType.FLOAT, n, n)) {
            double seconds = Timings.medianSeconds(1, 10, () -> a.mmuli(b, c));
            return 2.0 * n * n * n / seconds / 1e9;
        } finally {
            blas.setMaxThreads(threads);
        }
    }

    private record TorchFigures(double[] stepSeconds, double matmulGflops) {
        /**
         * Both halves' steps together, with the better matmul peak of the two processes; the first alone if the
         * second is missing.
         */
        static TorchFigures pooled(TorchFigures first, TorchFigures second) {
            if (first == null || second == null) {
                return first;
            }
            double[] all = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(first.stepSeconds),
                    java.util.Arrays.stream(second.stepSeconds)).toArray();
            return new TorchFigures(all, Math.max(first.matmulGflops, second.matmulGflops));
        }
    }

    /**
     * Frees the trainer's off-heap arrays before the second PyTorch process starts (ResNet-50: ~15 GB that would
     * otherwise stay until a collection): this thread's workspaces, then the arrays the collector finds unreachable.
     */
    private static void releaseNd4jMemory() throws InterruptedException {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(500);
        }
    }

    private TorchFigures torchReference(String arch, int size, int warmup, int steps) throws IOException, InterruptedException {
        Path script = Path.of("bench/scripts/moco_v2_step_torch.py");
        if (!Files.isRegularFile(script) || !Files.isExecutable(Path.of(python))) {
            return null;
        }
        Process p = new ProcessBuilder(python, script.toString(), arch, Integer.toString(size), Integer.toString(batch),
                Integer.toString(warmup), Integer.toString(steps)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0 || output.isEmpty()) {
            return null;
        }
        String[] lines = output.split("\n");
        var json = JSON.readTree(lines[lines.length - 1]);
        double[] stepSeconds = new double[json.get("stepSeconds").size()];
        for (int i = 0; i < stepSeconds.length; i++) {
            stepSeconds[i] = json.get("stepSeconds").get(i).asDouble();
        }
        return new TorchFigures(stepSeconds, json.get("matmulGflops").asDouble());
    }

    /** /proc/loadavg, for the record of how busy the shared machine was. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
