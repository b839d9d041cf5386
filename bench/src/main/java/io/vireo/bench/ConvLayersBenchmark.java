package io.vireo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vireo.training.backend.TrainingBackend;
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
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The convolutions alone: every convolution of the MoCo v2 step that {@link TrainBenchmark} times
 * (ResNet-18 v1 at 64 px, batch 64), run one at a time as the libnd4j ops DL4J's layers call
 * ({@code conv2d}, {@code conv2d_bp}; oneDNN platform implementations with helpers on) and, in the
 * same run, as PyTorch's {@code conv2d} forward and autograd backward
 * ({@code bench/scripts/conv_layers_torch.py}). Summed with each shape's count per step (query
 * forward + backward, key forward), the ND4J figure is what the step spends in convolution even if
 * everything between the convolutions cost nothing: if it is above PyTorch's whole step, no change
 * outside the convolution op can bring the step to PyTorch's speed.
 */
@Command(name = "conv-layers-benchmark", mixinStandardHelpOptions = true,
        description = "Time the ResNet-18 step's convolutions in ND4J and PyTorch; writes bench/results/conv.json.")
public final class ConvLayersBenchmark implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One convolution shape of the network and how many times it occurs in it; "same" padding. */
    record ConvShape(String name, int count, int cin, int cout, int k, int stride, int size) {
    }

    /** ResNet-18 v1 at 64 px: the 7×7 stem, a 3×3 max pool to 16 px, four stages of two basic blocks. */
    static final List<ConvShape> RESNET18_64 = List.of(
            new ConvShape("stem 7x7/2 3->64 @64", 1, 3, 64, 7, 2, 64),
            new ConvShape("stage1 3x3 64->64 @16", 4, 64, 64, 3, 1, 16),
            new ConvShape("stage2 3x3/2 64->128 @16", 1, 64, 128, 3, 2, 16),
            new ConvShape("stage2 proj 1x1/2 64->128 @16", 1, 64, 128, 1, 2, 16),
            new ConvShape("stage2 3x3 128->128 @8", 3, 128, 128, 3, 1, 8),
            new ConvShape("stage3 3x3/2 128->256 @8", 1, 128, 256, 3, 2, 8),
            new ConvShape("stage3 proj 1x1/2 128->256 @8", 1, 128, 256, 1, 2, 8),
            new ConvShape("stage3 3x3 256->256 @4", 3, 256, 256, 3, 1, 4),
            new ConvShape("stage4 3x3/2 256->512 @4", 1, 256, 512, 3, 2, 4),
            new ConvShape("stage4 proj 1x1/2 256->512 @4", 1, 256, 512, 1, 2, 4),
            new ConvShape("stage4 3x3 512->512 @2", 3, 512, 512, 3, 1, 2));

    @Option(names = "--batch", defaultValue = "64", description = "Images per convolution (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--warmup", defaultValue = "3", description = "Unmeasured repetitions per shape (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--reps", defaultValue = "15", description = "Measured repetitions per shape; the median is kept (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch for the reference (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--out", defaultValue = "bench/results/conv.json", description = "Result file (default: ${DEFAULT-VALUE}).")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConvLayersBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.err.println(TrainingBackend.initialise());
        String load = TrainBenchmark.loadAverage();
        List<Map<String, Object>> layers = new ArrayList<>();
        double nd4jStep = 0;
        for (ConvShape s : RESNET18_64) {
            double[] times = nd4jSeconds(s);
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("name", s.name());
            layer.put("countPerNetwork", s.count());
            layer.put("nd4jForwardSeconds", times[0]);
            layer.put("nd4jBackwardSeconds", times[1]);
            layers.add(layer);
            nd4jStep += stepShare(s, times[0], times[1]);
            System.err.printf("%-32s nd4j fwd %.1f ms bwd %.1f ms%n", s.name(), times[0] * 1e3, times[1] * 1e3);
        }
        JsonNode torch = torchReference();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("batch", batch);
        figures.put("loadBefore", load);
        figures.put("nd4jConvSecondsPerStep", nd4jStep);
        if (torch != null) {
            double torchStep = 0;
            for (int i = 0; i < RESNET18_64.size(); i++) {
                JsonNode t = torch.get("layers").get(i);
                double fwd = t.get("forwardSeconds").asDouble();
                double bwd = t.get("backwardSeconds").asDouble();
                layers.get(i).put("pytorchForwardSeconds", fwd);
                layers.get(i).put("pytorchBackwardSeconds", bwd);
                torchStep += stepShare(RESNET18_64.get(i), fwd, bwd);
            }
            figures.put("pytorchThreads", torch.get("threads").asInt());
            figures.put("pytorchConvSecondsPerStep", torchStep);
            figures.put("convNd4jVsPytorchRatio", torchStep / nd4jStep);
        } else {
            figures.put("pytorchConvSecondsPerStep", "not measured (no torch in " + python + ")");
        }
        figures.put("loadAfter", TrainBenchmark.loadAverage());
        figures.put("layers", layers);
        figures.put("note", "seconds per MoCo v2 step spent in convolutions alone: each shape's count x (query forward "
                + "+ backward + key forward), every op run on its own after warm-up, median of reps; backward = input and "
                + "weight gradients. ratio = PyTorch time / ND4J time (1 = as fast). Compare nd4jConvSecondsPerStep with "
                + "the whole PyTorch step in train.json.");
        ResultFiles.write(out, "conv", figures);
        System.out.println("wrote " + out);
        return 0;
    }

    /** A MoCo v2 step runs each convolution forward twice (query, key) and backward once (query). */
    private static double stepShare(ConvShape s, double forward, double backward) {
        return s.count() * (2 * forward + backward);
    }

    private double[] nd4jSeconds(ConvShape s) throws Exception {
        int outSize = (s.size() + s.stride() - 1) / s.stride();
        try (INDArray input = Nd4j.rand(DataType.FLOAT, batch, s.cin(), s.size(), s.size());
             INDArray weights = Nd4j.rand(DataType.FLOAT, s.cout(), s.cin(), s.k(), s.k());
             INDArray output = Nd4j.create(DataType.FLOAT, batch, s.cout(), outSize, outSize);
             INDArray gradOut = Nd4j.rand(DataType.FLOAT, batch, s.cout(), outSize, outSize);
             INDArray gradIn = Nd4j.create(DataType.FLOAT, batch, s.cin(), s.size(), s.size());
             INDArray gradWeights = Nd4j.create(DataType.FLOAT, s.cout(), s.cin(), s.k(), s.k())) {
            // libnd4j's integer arguments: kH, kW, sH, sW, pH, pW, dH, dW, same mode, NHWC?, weights [oC, iC, kH, kW].
            int[] args = {s.k(), s.k(), s.stride(), s.stride(), 0, 0, 1, 1, 1, 0, 1};
            DynamicCustomOp forward = DynamicCustomOp.builder("conv2d").addInputs(input, weights).addOutputs(output)
                    .addIntegerArguments(args).build();
            DynamicCustomOp backward = DynamicCustomOp.builder("conv2d_bp").addInputs(input, weights, gradOut)
                    .addOutputs(gradIn, gradWeights).addIntegerArguments(args).build();
            double fwd = Timings.medianSeconds(warmup, reps, () -> Nd4j.exec(forward));
            double bwd = Timings.medianSeconds(warmup, reps, () -> Nd4j.exec(backward));
            return new double[] {fwd, bwd};
        }
    }

    private JsonNode torchReference() throws IOException, InterruptedException {
        Path script = Path.of("bench/scripts/conv_layers_torch.py");
        if (!Files.isRegularFile(script) || !Files.isExecutable(Path.of(python))) {
            return null;
        }
        List<Map<String, Object>> shapes = new ArrayList<>();
        for (ConvShape s : RESNET18_64) {
            shapes.add(Map.of("name", s.name(), "batch", batch, "cin", s.cin(), "cout", s.cout(), "k", s.k(),
                    "stride", s.stride(), "size", s.size()));
        }
        Process p = new ProcessBuilder(python, script.toString(), JSON.writeValueAsString(shapes),
                Integer.toString(warmup), Integer.toString(reps), Integer.toString(Runtime.getRuntime().availableProcessors()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0 || output.isEmpty()) {
            return null;
        }
        String[] lines = output.split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }
}
