package io.vireo.training.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.backend.TrainingBackend;

/** RevNet-50 and VGG-19-BN: shapes, pre-logits, parameter counts from the layer tables, and the config checks. */
class EncoderArchitecturesTest {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    @ParameterizedTest
    @CsvSource({
        "REVNET50, V2, 1, 32, 2048",
        "REVNET50, V2, 2, 32, 4096",
        "REVNET50, V2, 1, 64, 2048",
        "REVNET50, V2, 2, 64, 4096",
        "VGG19_BN, V1, 1, 32, 4096",
        "VGG19_BN, V1, 2, 32, 8192",
        "VGG19_BN, V1, 1, 64, 4096",
        "VGG19_BN, V1, 2, 64, 8192",
    })
    void preLogitsHaveThePapersWidthAndParametersMatchTheLayerTable(Arch arch, ResNetVersion version, double width,
                                                                     int size, int features) {
        EncoderSpec spec = new EncoderSpec(arch, version, width, size, 3);
        assertThat(spec.featureDim()).isEqualTo(features);
        ComputationGraph g = ResNetGraphs.encoder(spec, 7, DataType.FLOAT);
        // One image: inference-mode BN needs no batch, and at k = 2 the forward is most of the test's time.
        INDArray f = g.outputSingle(false, Nd4j.rand(DataType.FLOAT, 1, 3, size, size));
        assertThat(f.shape()).containsExactly(1, features);
        assertThat(g.getConfiguration().getNetworkOutputs()).containsExactly(ResNetGraphs.FEATURES);
        long expected = arch == Arch.VGG19_BN ? vgg19BnParams((int) width, size) : revnet50Params((int) width, size);
        assertThat(g.numParams()).isEqualTo(expected);
        assertThat(ParameterBudget.count(spec, null)).isEqualTo(expected);
    }

    /** VGG-19 at k = 1 has the well-known 20,024,384 conv parameters with biases; BN replaces the biases here. */
    @Test
    void vggConvStackMatchesTheKnownVgg19Count() {
        long convWeights = 0;
        int in = 3;
        for (int out : VGG_CONVS) {
            convWeights += 9L * in * out;
            in = out;
        }
        long biases = java.util.Arrays.stream(VGG_CONVS).asLongStream().sum();
        assertThat(convWeights + biases).isEqualTo(20_024_384L);
        // fc6 at 224 px is the classic 7·7·512·4096 (+ 4096 biases) = 102,764,544.
        assertThat(vgg19BnParams(1, 224) - vgg19BnParams(1, 32)).isEqualTo(48L * 512 * 4096);
    }

    @Test
    void fullSizeForwardAt224Pixels() {
        for (Arch arch : new Arch[] {Arch.REVNET50, Arch.VGG19_BN}) {
            EncoderSpec spec = new EncoderSpec(arch, arch == Arch.VGG19_BN ? ResNetVersion.V1 : ResNetVersion.V2, 1, 224, 3);
            ComputationGraph g = ResNetGraphs.encoder(spec, 3, DataType.FLOAT);
            assertThat(g.numParams()).isEqualTo(arch == Arch.VGG19_BN ? vgg19BnParams(1, 224) : revnet50Params(1, 224));
            INDArray f = g.outputSingle(false, Nd4j.rand(DataType.FLOAT, 1, 3, 224, 224));
            assertThat(f.shape()).containsExactly(1, spec.featureDim());
            assertThat(Double.isFinite(f.sumNumber().doubleValue())).isTrue();
            assertThat(f.std(1).minNumber().doubleValue()).as("features not constant").isGreaterThan(0);
        }
    }

    @Test
    void oddInputSizesRoundDownLikeTheReleasedModels() {
        // VGG at 48 px: 48 → 24 → 12 → 6 → 3 → 1 (floor pooling), so fc6 is 1x1 as at 32 px.
        EncoderSpec vgg = new EncoderSpec(Arch.VGG19_BN, ResNetVersion.V1, 0.25, 48, 3);
        assertThat(ResNetGraphs.encoder(vgg, 1, DataType.FLOAT).outputSingle(false, Nd4j.rand(DataType.FLOAT, 2, 3, 48, 48))
                .shape()).containsExactly(2, 1024);
        assertThat(ParameterBudget.count(vgg, null))
                .isEqualTo(ParameterBudget.count(new EncoderSpec(Arch.VGG19_BN, ResNetVersion.V1, 0.25, 32, 3), null));
    }

    @Test
    void convAndBatchNormLayersGetOneDnnHelpersAndMaxPoolingRunsOnLibNd4j() {
        for (EncoderSpec spec : new EncoderSpec[] {
            new EncoderSpec(Arch.REVNET50, ResNetVersion.V2, 0.25, 64, 3),
            new EncoderSpec(Arch.VGG19_BN, ResNetVersion.V1, 0.25, 32, 3)}) {
            ComputationGraph g = ResNetGraphs.encoder(spec, 1, DataType.FLOAT);
            int helped = 0;
            for (Layer l : g.getLayers()) {
                boolean bn = l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization;
                if (bn) {
                    // Training-mode BN runs the few-pass layer; DL4J's helper stays for inference.
                    assertThat(l).as("%s %s", spec.arch(), l.conf().getLayer().getLayerName())
                            .isInstanceOf(io.vireo.training.model.batchnorm.FewPassBatchNormLayer.class);
                }
                if (l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer || bn) {
                    assertThat(l.getHelper()).as("%s %s", spec.arch(), l.conf().getLayer().getLayerName()).isNotNull();
                    helped++;
                }
                if (l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.SubsamplingLayer pool
                        && pool.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX) {
                    // Max pooling deliberately runs on libnd4j's kernels: oneDNN's are 4-7x slower through libnd4j.
                    assertThat(l).isInstanceOf(io.vireo.training.model.pooling.LibNd4jMaxPoolingLayer.class);
                }
            }
            assertThat(helped).isGreaterThan(30);
            assertThat(g.getConfiguration().getVertices().values().stream().filter(v -> !(v instanceof LayerVertex)).count())
                    .as("parameter-free vertices: per unit split ×2, add, merge; per stage transition slice, zeros ×2, merge")
                    .isEqualTo(spec.arch() == Arch.REVNET50 ? 4 * 16 + 4 * 3 : 0);
        }
    }

    @Test
    void invalidCombinationsNameTheKey() {
        assertThatThrownBy(() -> new EncoderSpec(Arch.REVNET50, ResNetVersion.V1, 1, 64, 3))
                .hasMessageStartingWith("version").hasMessageContaining("revnet50").hasMessageContaining("v2");
        assertThatThrownBy(() -> new EncoderSpec(Arch.VGG19_BN, ResNetVersion.V2, 1, 64, 3))
                .hasMessageStartingWith("version").hasMessageContaining("vgg19-bn");
        assertThatThrownBy(() -> new EncoderSpec(Arch.VGG19_BN, ResNetVersion.V1, 1, 16, 3))
                .hasMessageStartingWith("inputSize").hasMessageContaining("32");
        assertThatThrownBy(() -> new EncoderSpec(Arch.REVNET50, ResNetVersion.V2, 1, 48, 3)).hasMessageStartingWith("inputSize");
        assertThat(Arch.parse("vgg19-bn")).isEqualTo(Arch.VGG19_BN);
        assertThat(Arch.parse("VGG19_BN")).isEqualTo(Arch.VGG19_BN);
        assertThat(Arch.parse("RevNet-50")).isEqualTo(Arch.REVNET50);
        assertThatThrownBy(() -> Arch.parse("vgg16")).hasMessageContaining("vgg19-bn").hasMessageContaining("revnet50");
    }

    @Test
    void aWidthWhoseParametersCannotFitIsRefusedBeforeAllocating() {
        // The counts come from the configuration alone (nothing allocated), so they can be checked at ×16.
        assertThat(ParameterBudget.count(new EncoderSpec(Arch.REVNET50, ResNetVersion.V2, 16, 224, 3), null))
                .isEqualTo(revnet50Params(16, 224));
        // VGG-19-BN ×16 at 224 px: 35.7 G parameters, 143 GB per float32 copy: more than any machine this runs on.
        EncoderSpec huge = new EncoderSpec(Arch.VGG19_BN, ResNetVersion.V1, 16, 224, 3);
        assertThat(ParameterBudget.count(huge, null)).isEqualTo(vgg19BnParams(16, 224));
        assertThatThrownBy(() -> ResNetGraphs.encoder(huge, 1, DataType.FLOAT))
                .hasMessageStartingWith("width: 16").hasMessageContaining("vgg19-bn").hasMessageContaining("GB");
    }

    static final int[] VGG_CONVS = {64, 64, 128, 128, 256, 256, 256, 256, 512, 512, 512, 512, 512, 512, 512, 512};

    /** Conv weights (no bias) + BN's 4 values per channel (γ, β, running mean, running variance). */
    static long vgg19BnParams(int k, int size) {
        long n = 0;
        int in = 3;
        for (int base : VGG_CONVS) {
            int out = base * k;
            n += 9L * in * out + 4L * out;
            in = out;
        }
        int map = size / 32;
        int fc = 4096 * k;
        n += (long) map * map * in * fc + 4L * fc; // fc6 covers the whole final map
        n += (long) fc * fc + 4L * fc;              // fc7
        return n;
    }

    /** Stem to 256k channels, 16 coupling units whose F is a v2 bottleneck on C/2 (inner C/8), final BN. */
    static long revnet50Params(int k, int size) {
        int c = 256 * k;
        long n = (size <= 32 ? 9L : 49L) * 3 * c;
        int[] units = {3, 4, 6, 3};
        for (int s = 0; s < 4; s++) {
            int half = c / 2;
            int inner = c / 8;
            long unit = 4L * half + (long) half * inner + 4L * inner + 9L * inner * inner + 4L * inner + (long) inner * half;
            n += units[s] * unit;
            if (s < 3) {
                c *= 2; // pooling + zero padding: no parameters
            }
        }
        return n + 4L * c;
    }
}
