package io.vireo.training.model.batchnorm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.nn.ExternalLossTraining;
import io.vireo.training.nn.LossOracle;

/**
 * The few-pass layer against DL4J's batch norm (oneDNN helper on) configured as the encoders configure
 * it: same output, input gradient, γ/β gradients and running-statistics update, in training and
 * inference mode.
 */
class FewPassBatchNormLayerTest {
    private static final int C = 6;

    @BeforeAll
    static void backend() {
        assertThat(TrainingBackend.initialise().helpersEnabled()).isTrue();
    }

    private static BatchNormalization dl4jConf() {
        return new BatchNormalization.Builder().decay(0.9).eps(1e-5).useLogStd(false).build();
    }

    private static Layer layer(BatchNormalization conf) {
        return layer(conf, DataType.FLOAT);
    }

    private static Layer layer(BatchNormalization conf, DataType type) {
        ComputationGraphConfiguration g = new NeuralNetConfiguration.Builder().dataType(type).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(5, 7, C))
                .addLayer("bn", conf, "in").setOutputs("bn").build();
        ComputationGraph graph = new ComputationGraph(g);
        graph.init();
        graph.initGradientsView();
        Layer l = graph.getLayer("bn");
        Nd4j.getRandom().setSeed(7);
        l.getParam("gamma").assign(Nd4j.rand(DataType.FLOAT, C).addi(0.5).reshape(l.getParam("gamma").shape()));
        l.getParam("beta").assign(Nd4j.randn(DataType.FLOAT, C).reshape(l.getParam("beta").shape()));
        l.getParam("mean").assign(Nd4j.randn(DataType.FLOAT, C).reshape(l.getParam("mean").shape()));
        l.getParam("var").assign(Nd4j.rand(DataType.FLOAT, C).addi(0.3).reshape(l.getParam("var").shape()));
        return l;
    }

    private static double maxRelDiff(INDArray a, INDArray b) {
        INDArray diff = Transforms.abs(a.sub(b).reshape(a.length()));
        double scale = Math.max(1e-3, Transforms.abs(b.reshape(b.length())).maxNumber().doubleValue());
        return diff.maxNumber().doubleValue() / scale;
    }

    @Test
    void configurationCopiesDl4jsSettingsAndBuildsTheFewPassLayer() {
        BatchNormalization dl4j = dl4jConf();
        FewPassBatchNormalization c = FewPassBatchNormalization.of(dl4j);
        assertThat(c.getDecay()).isEqualTo(0.9);
        assertThat(c.getEps()).isEqualTo(1e-5);
        assertThat(c.isUseLogStd()).isFalse();
        assertThat(c.isMinibatch()).isTrue();
        assertThat(c.clone()).isInstanceOf(FewPassBatchNormalization.class);
        BatchNormalization back = c.toDl4j();
        assertThat(back.getClass()).isEqualTo(BatchNormalization.class);
        assertThat(back.getDecay()).isEqualTo(0.9);
        assertThat(back.getEps()).isEqualTo(1e-5);
        Layer l = layer(c);
        assertThat(l).isInstanceOf(FewPassBatchNormLayer.class);
        // DL4J's JSON form of a graph keeps the class (Vireo checkpoints store flat arrays, but DL4J tools use it).
        ComputationGraphConfiguration json = ComputationGraphConfiguration.fromJson(
                new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                        .setInputTypes(InputType.convolutional(5, 7, C)).addLayer("bn", c, "in").setOutputs("bn")
                        .build().toJson());
        assertThat(((org.deeplearning4j.nn.conf.graph.LayerVertex) json.getVertices().get("bn")).getLayerConf().getLayer())
                .isInstanceOf(FewPassBatchNormalization.class)
                .extracting(b -> ((BatchNormalization) b).getDecay()).isEqualTo(0.9);
        assertThat(l.getHelper()).as("DL4J's oneDNN helper still serves inference").isNotNull();
        assertThat(l.paramTable().keySet()).containsExactlyElementsOf(layer(dl4jConf()).paramTable().keySet());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void trainingForwardAndBackwardMatchDl4jsLayer(DataType type) {
        Layer ref = layer(dl4jConf(), type);
        Layer few = layer(FewPassBatchNormalization.of(dl4jConf()), type);
        assertThat(few.params()).isEqualTo(ref.params());
        Nd4j.getRandom().setSeed(11);
        // An offset of 3 standard deviations: the E[x²] − E[x]² variance must still agree.
        INDArray x = Nd4j.randn(type, 8, C, 5, 7).muli(1.5).addi(4.5);
        INDArray eps = Nd4j.randn(type, 8, C, 5, 7);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();

        ref.setInput(x.dup(), mgr);
        few.setInput(x.dup(), mgr);
        INDArray yRef = ref.activate(true, mgr);
        INDArray yFew = few.activate(true, mgr);
        assertThat(maxRelDiff(yFew, yRef)).as("forward").isLessThan(1e-4);

        Pair<Gradient, INDArray> gRef = ref.backpropGradient(eps.dup(), mgr);
        Pair<Gradient, INDArray> gFew = few.backpropGradient(eps.dup(), mgr);
        assertThat(maxRelDiff(gFew.getSecond(), gRef.getSecond())).as("input gradient").isLessThan(1e-4);
        for (String p : new String[] {"gamma", "beta", "mean", "var"}) {
            INDArray a = gFew.getFirst().getGradientFor(p);
            INDArray b = gRef.getFirst().getGradientFor(p);
            assertThat(a.length()).isEqualTo(C);
            assertThat(maxRelDiff(a, b)).as(p + " gradient").isLessThan(1e-4);
        }
        // The gradients land in the network's flat gradient (layout gamma, beta, mean, var), as DL4J's do.
        INDArray flat = few.getGradientsViewArray().reshape(few.getGradientsViewArray().length());
        String[] order = {"gamma", "beta", "mean", "var"};
        for (int i = 0; i < order.length; i++) {
            assertThat(flat.get(NDArrayIndex.interval(i * C, (i + 1) * C)))
                    .isEqualTo(gFew.getFirst().getGradientFor(order[i]).reshape(C));
        }
    }

    @Test
    void inferenceUsesRunningStatisticsLikeDl4j() {
        Layer ref = layer(dl4jConf());
        Layer few = layer(FewPassBatchNormalization.of(dl4jConf()));
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, C, 5, 7);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        ref.setInput(x.dup(), mgr);
        few.setInput(x.dup(), mgr);
        assertThat(maxRelDiff(few.activate(false, mgr), ref.activate(false, mgr))).isLessThan(1e-5);
    }

    private static ComputationGraph convBnRelu(BatchNormalization bn, DataType type) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(type)
                .updater(new org.nd4j.linalg.learning.config.NoOp())
                .trainingWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.ENABLED)
                .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(6, 6, 3))
                .addLayer("conv", new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3).nOut(C)
                        .hasBias(false).activation(org.nd4j.linalg.activations.Activation.IDENTITY).build(), "in")
                .addLayer("bn", bn, "conv")
                .addLayer("relu", new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build(), "bn")
                .addLayer("pool", new org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer.Builder(
                        org.deeplearning4j.nn.conf.layers.PoolingType.AVG).build(), "relu")
                .addLayer(ExternalLossTraining.LOSS, new org.deeplearning4j.nn.conf.layers.LossLayer.Builder(
                        new io.vireo.training.nn.ExternalLoss()).activation(org.nd4j.linalg.activations.Activation.IDENTITY)
                        .build(), "pool")
                .setOutputs(ExternalLossTraining.LOSS).build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** Inside a workspace-managed graph step (how the trainer runs it) the flat gradient is DL4J's. */
    @Test
    void graphStepWithWorkspacesGivesDl4jsFlatGradient() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            ComputationGraph ref = convBnRelu(dl4jConf(), type);
            ComputationGraph few = convBnRelu(FewPassBatchNormalization.of(dl4jConf()), type);
            few.params().assign(ref.params());
            Nd4j.getRandom().setSeed(3);
            INDArray x = Nd4j.randn(type, 4, 3, 6, 6);
            INDArray r = Nd4j.randn(type, 4, C);
            LossOracle oracle = o -> new LossOracle.Evaluation(o.mul(r).sumNumber().doubleValue(), r.dup());
            INDArray gRef = ExternalLossTraining.step(ref, x, C, oracle).flatGradient().dup();
            INDArray gFew = ExternalLossTraining.step(few, x, C, oracle).flatGradient().dup();
            assertThat(maxRelDiff(gFew, gRef)).as("%s flat gradient", type).isLessThan(1e-4);
        }
    }

    /**
     * A mean 1000× the spread (a first convolution on raw pixel values can come close): E[x²] − E[x]² in float
     * cancels to noise there; the centred two-pass statistics keep the output to float precision.
     */
    @Test
    void statisticsStayAccurateWhenTheMeanDwarfsTheSpread() {
        Layer few = layer(FewPassBatchNormalization.of(dl4jConf()));
        Nd4j.getRandom().setSeed(19);
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, C, 5, 7).addi(1000);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        few.setInput(x.dup(), mgr);
        INDArray y = few.activate(true, mgr).castTo(DataType.DOUBLE);
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray mean = xd.mean(0, 2, 3).reshape(1, C, 1, 1);
        INDArray centred = xd.sub(mean);
        INDArray std = Transforms.sqrt(centred.mul(centred).mean(0, 2, 3).addi(1e-5)).reshape(1, C, 1, 1);
        INDArray expected = centred.div(std).mul(few.getParam("gamma").castTo(DataType.DOUBLE).reshape(1, C, 1, 1))
                .add(few.getParam("beta").castTo(DataType.DOUBLE).reshape(1, C, 1, 1));
        assertThat(maxRelDiff(y, expected)).isLessThan(1e-3);
    }

    /** Grouped statistics = each slice of the batch normalised on its own, in both the row-kernel and the ND4J path. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void groupedForwardNormalisesEachSliceWithItsOwnStatistics(DataType type) {
        FewPassBatchNormLayer grouped = (FewPassBatchNormLayer) layer(FewPassBatchNormalization.of(dl4jConf()), type);
        Layer whole = layer(FewPassBatchNormalization.of(dl4jConf()), type);
        grouped.useStatisticsGroups(3);
        Nd4j.getRandom().setSeed(23);
        // Slices with different offsets, so that whole-batch statistics would give a visibly different output.
        INDArray x = Nd4j.randn(type, 9, C, 5, 7).addi(Nd4j.arange(0, 9).castTo(type).reshape(9, 1, 1, 1));
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        grouped.setInput(x.dup(), mgr);
        INDArray y = grouped.activate(true, mgr);
        for (int g = 0; g < 3; g++) {
            INDArray slice = x.get(NDArrayIndex.interval(3 * g, 3 * g + 3)).dup();
            whole.setInput(slice, mgr);
            INDArray expected = whole.activate(true, mgr);
            assertThat(maxRelDiff(y.get(NDArrayIndex.interval(3 * g, 3 * g + 3)), expected)).as("group %d", g)
                    .isLessThan(1e-5);
        }
        whole.setInput(x.dup(), mgr);
        assertThat(maxRelDiff(y, whole.activate(true, mgr))).as("whole-batch statistics").isGreaterThan(0.1);
        assertThat(maxRelDiff(grouped.activate(false, mgr), whole.activate(false, mgr)))
                .as("inference keeps the running statistics").isLessThan(1e-6);

        grouped.activate(true, mgr);
        assertThatThrownBy(() -> grouped.backpropGradient(x.dup(), mgr))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("3 batch-statistics groups");
        grouped.setInput(x.get(NDArrayIndex.interval(0, 8)).dup(), mgr);
        assertThatThrownBy(() -> grouped.activate(true, mgr))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch of 8")
                .hasMessageContaining("3 equal batch-statistics groups");
    }
}
