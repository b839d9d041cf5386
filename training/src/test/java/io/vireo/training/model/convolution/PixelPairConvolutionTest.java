package io.vireo.training.model.convolution;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import io.vireo.training.backend.TrainingBackend;

/**
 * The backprop of convolutions on maps where every output pixel sees every input pixel, as matrix products,
 * against DL4J's own convolution layer (oneDNN helper) in float64: input gradient and weight gradient.
 */
class PixelPairConvolutionTest {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    @Test
    void denseOnlyWhenEveryOutputPixelSeesEveryInputPixel() {
        int[] k3 = {3, 3}, s1 = {1, 1}, s2 = {2, 2}, p1 = {1, 1}, d1 = {1, 1};
        assertThat(PixelPairConvolution.ifDense(new long[] {8, 4, 2, 2}, 4, k3, s1, p1, d1, new int[] {2, 2})).isNotNull();
        assertThat(PixelPairConvolution.ifDense(new long[] {8, 4, 1, 1}, 4, k3, s1, p1, d1, new int[] {1, 1})).isNotNull();
        assertThat(PixelPairConvolution.ifDense(new long[] {8, 4, 3, 3}, 4, k3, s1, p1, d1, new int[] {3, 3}))
                .as("corner pixels 2 apart").isNull();
        assertThat(PixelPairConvolution.ifDense(new long[] {8, 4, 4, 4}, 4, k3, s2, p1, d1, new int[] {2, 2})).isNull();
        assertThat(PixelPairConvolution.ifDense(new long[] {8, 4, 2, 2}, 4, new int[] {1, 1}, s1, new int[] {0, 0}, d1,
                new int[] {2, 2})).as("1x1 kernel on 2x2").isNull();
        // A 224 px stem: refused before any per-pair table (12,544 x 50,176 entries) is built.
        assertThat(PixelPairConvolution.ifDense(new long[] {64, 3, 224, 224}, 64, new int[] {7, 7}, s2, new int[] {3, 3},
                d1, new int[] {112, 112})).isNull();
    }

    private static ComputationGraph oneConv(org.deeplearning4j.nn.conf.layers.Layer conv, int channels, int size, DataType type) {
        ComputationGraphConfiguration g = new NeuralNetConfiguration.Builder().dataType(type)
                .convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(size, size, channels))
                .addLayer("conv", conv, "in").setOutputs("conv").build();
        ComputationGraph graph = new ComputationGraph(g);
        graph.init();
        graph.initGradientsView();
        return graph;
    }

    private static double relDiff(INDArray a, INDArray b) {
        double scale = Math.max(1e-6, b.amaxNumber().doubleValue());
        return Transforms.abs(a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE))).maxNumber().doubleValue() / scale;
    }

    @ParameterizedTest
    @CsvSource({"2, 3, 24, 40", "1, 3, 16, 8", "2, 5, 8, 8"})
    void productsMatchDl4jsConvolution(int size, int kernel, int in, int out) {
        ConvolutionLayer dl4j = new ConvolutionLayer.Builder(kernel, kernel).stride(1, 1).nOut(out).hasBias(false)
                .activation(Activation.IDENTITY).build();
        Layer pairs = oneConv(ForwardOnceConvolution.of(dl4j), in, size, DataType.FLOAT).getLayer("conv");
        Layer reference = oneConv(dl4j, in, size, DataType.DOUBLE).getLayer("conv");
        Nd4j.getRandom().setSeed(31);
        pairs.getParam("W").assign(Nd4j.randn(DataType.FLOAT, pairs.getParam("W").shape()));
        reference.getParam("W").assign(pairs.getParam("W"));
        INDArray x = Nd4j.randn(DataType.FLOAT, 6, in, size, size);
        INDArray dy = Nd4j.randn(DataType.FLOAT, 6, out, size, size);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();

        pairs.setInput(x.dup(), mgr);
        reference.setInput(x.castTo(DataType.DOUBLE), mgr);
        INDArray y = pairs.activate(true, mgr);
        assertThat(((ForwardOnceConvolutionLayer) pairs).usesPixelPairs()).isTrue();
        assertThat(relDiff(y, reference.activate(true, mgr))).as("output").isLessThan(1e-5);

        Pair<Gradient, INDArray> g = pairs.backpropGradient(dy.dup(), mgr);
        Pair<Gradient, INDArray> gRef = reference.backpropGradient(dy.castTo(DataType.DOUBLE), mgr);
        assertThat(relDiff(g.getSecond(), gRef.getSecond())).as("input gradient").isLessThan(1e-5);
        INDArray dw = g.getFirst().getGradientFor("W");
        assertThat(relDiff(dw, gRef.getFirst().getGradientFor("W"))).as("weight gradient").isLessThan(1e-5);
        assertThat(pairs.getGradientsViewArray().reshape(dw.length())).isEqualTo(dw.reshape(dw.length()));
        if (size == 1) {
            // Only the centre tap touches a 1x1 map: the others' gradient is 0, not what the buffer held.
            assertThat(dw.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0), NDArrayIndex.all())
                    .amaxNumber().doubleValue()).isZero();
        }
    }

    /** Each backprop unfolds the weights as they are then: an update between steps is seen. */
    @Test
    void aWeightUpdateBetweenBackpropsIsUsed() {
        ConvolutionLayer dl4j = new ConvolutionLayer.Builder(3, 3).stride(1, 1).nOut(4).hasBias(false)
                .activation(Activation.IDENTITY).build();
        Layer pairs = oneConv(ForwardOnceConvolution.of(dl4j), 3, 2, DataType.FLOAT).getLayer("conv");
        INDArray x = Nd4j.randn(DataType.FLOAT, 2, 3, 2, 2);
        INDArray dy = Nd4j.randn(DataType.FLOAT, 2, 4, 2, 2);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        pairs.setInput(x, mgr);
        pairs.activate(true, mgr);
        assertThat(((ForwardOnceConvolutionLayer) pairs).usesPixelPairs()).isTrue();
        INDArray first = pairs.backpropGradient(dy, mgr).getSecond().dup();
        pairs.getParam("W").muli(2);
        pairs.activate(true, mgr);
        assertThat(relDiff(pairs.backpropGradient(dy, mgr).getSecond(), first.mul(2))).isLessThan(1e-6);
    }
}
