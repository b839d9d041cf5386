package io.vireo.training.model.activation;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.backend.TrainingBackend;

/** The single-pass ReLU gives exactly DL4J's activation layer's output and input gradient. */
class SinglePassReluLayerTest {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    private static Layer layer(ActivationLayer conf, DataType type) {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(type).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(5, 7, 3))
                .addLayer("relu", conf, "in").setOutputs("relu").build());
        g.init();
        return g.getLayer("relu");
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void matchesDl4jsActivationLayer(DataType type) {
        Layer ours = layer(new SinglePassRelu(), type);
        Layer dl4j = layer(new SinglePassRelu().toDl4j(), type);
        assertThat(ours).isInstanceOf(SinglePassReluLayer.class);
        assertThat(dl4j).isNotInstanceOf(SinglePassReluLayer.class);
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.randn(type, 4, 3, 5, 7);
        x.putScalar(0, 0.0); // the kink: both give 0 output and 0 gradient there
        INDArray eps = Nd4j.randn(type, 4, 3, 5, 7);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        ours.setInput(x.dup(), mgr);
        dl4j.setInput(x.dup(), mgr);
        INDArray y = ours.activate(true, mgr);
        assertThat(y).isEqualTo(dl4j.activate(true, mgr));
        assertThat(y.minNumber().doubleValue()).isZero();
        INDArray dx = ours.backpropGradient(eps.dup(), mgr).getSecond();
        assertThat(dx).isEqualTo(dl4j.backpropGradient(eps.dup(), mgr).getSecond());
        assertThat(dx.getDouble(0)).isZero();
        assertThat(ours.numParams()).isZero();
        assertThat(x).as("input untouched").isEqualTo(((org.deeplearning4j.nn.layers.AbstractLayer<?>) ours).getInput());
    }
}
