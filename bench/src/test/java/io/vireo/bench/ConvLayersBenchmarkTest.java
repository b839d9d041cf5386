package io.vireo.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the benchmark at toy size: checks that it measures and adds up, not how fast anything is. */
class ConvLayersBenchmarkTest {

    @Test
    void timesEveryConvolutionAndSumsThemPerStep(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("conv.json");
        int exit = new CommandLine(new ConvLayersBenchmark()).execute("--batch", "2", "--warmup", "0", "--reps", "1",
                "--out", out.toString());

        assertThat(exit).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toFile());
        JsonNode layers = result.path("layers");
        assertThat(layers).hasSize(ConvLayersBenchmark.RESNET18_64.size());
        double step = 0;
        for (JsonNode layer : layers) {
            double forward = layer.path("nd4jForwardSeconds").asDouble();
            double backward = layer.path("nd4jBackwardSeconds").asDouble();
            assertThat(forward).isPositive();
            assertThat(backward).isPositive();
            step += layer.path("countPerNetwork").asInt() * (2 * forward + backward);
        }
        // ResNet-18 has 20 convolutions (stem, 16 in blocks, 3 projections).
        assertThat(ConvLayersBenchmark.RESNET18_64.stream().mapToInt(ConvLayersBenchmark.ConvShape::count).sum())
                .isEqualTo(20);
        assertThat(result.path("nd4jConvSecondsPerStep").asDouble()).isCloseTo(step, within(1e-9));
        // The PyTorch reference is optional (Debian's python3-torch); when present it is a ratio.
        JsonNode torch = result.path("pytorchConvSecondsPerStep");
        assertThat(torch.isNumber() ? result.path("convNd4jVsPytorchRatio").asDouble() > 0
                : torch.asText().startsWith("not measured")).isTrue();
    }
}
