package io.vireo.training.model.pooling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import io.vireo.training.backend.TrainingBackend;

/** Max pooling on libnd4j's kernels gives exactly what DL4J's pooling layer (oneDNN helper) gives. */
class LibNd4jMaxPoolingLayerTest {
    @BeforeAll
    static void backend() {
        assertThat(TrainingBackend.initialise().helpersEnabled()).isTrue();
    }

    private static Layer layer(SubsamplingLayer conf, ConvolutionMode mode, int size, DataType type) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(type)
                .convolutionMode(mode).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(size, size, 5))
                .addLayer("pool", conf, "in").setOutputs("pool").build());
        g.init();
        return g.getLayer("pool");
    }

    /** The ResNet stem (3×3, stride 2, Same) and the VGG blocks' pooling (2×2, stride 2, Truncate, odd side). */
    @ParameterizedTest
    @CsvSource({"3, 2, Same, 16, FLOAT", "3, 2, Same, 16, DOUBLE", "2, 2, Truncate, 7, FLOAT", "3, 1, Truncate, 9, FLOAT"})
    void matchesDl4jsPoolingForwardAndBackward(int k, int stride, ConvolutionMode mode, int size, DataType type) {
        SubsamplingLayer dl4jConf = new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(k, k)
                .stride(stride, stride).build();
        Layer ours = layer(LibNd4jMaxPooling.of(dl4jConf), mode, size, type);
        Layer dl4j = layer(LibNd4jMaxPooling.of(dl4jConf).toDl4j(), mode, size, type);
        assertThat(ours).isInstanceOf(LibNd4jMaxPoolingLayer.class);
        assertThat(dl4j).isNotInstanceOf(LibNd4jMaxPoolingLayer.class);
        Nd4j.getRandom().setSeed(17);
        // After a ReLU a third of the values are 0: windows with tied maxima, where the gradient must go to one input.
        INDArray x = Transforms.relu(Nd4j.randn(type, 4, 5, size, size).subi(0.5), false);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        ours.setInput(x.dup(), mgr);
        dl4j.setInput(x.dup(), mgr);
        INDArray y = ours.activate(true, mgr);
        INDArray yRef = dl4j.activate(true, mgr);
        assertThat(y.shape()).isEqualTo(yRef.shape());
        assertThat(y).isEqualTo(yRef);
        INDArray eps = Nd4j.randn(type, yRef.shape());
        INDArray dx = ours.backpropGradient(eps.dup(), mgr).getSecond();
        assertThat(dx).isEqualTo(dl4j.backpropGradient(eps.dup(), mgr).getSecond());
        assertThat(dx.sumNumber().doubleValue()).as("every output's gradient lands on exactly one input")
                .isCloseTo(eps.sumNumber().doubleValue(), org.assertj.core.api.Assertions.within(1e-4 * eps.length()));
    }

    @Test
    void onlyMaxPooling() {
        assertThatThrownBy(() -> LibNd4jMaxPooling.of(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).build()))
                .hasMessageContaining("AVG");
    }
}
