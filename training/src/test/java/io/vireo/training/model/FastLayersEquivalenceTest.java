package io.vireo.training.model;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.vireo.training.model.activation.SinglePassRelu;
import io.vireo.training.model.batchnorm.FewPassBatchNormalization;
import io.vireo.training.model.convolution.ForwardOnceConvolution;
import io.vireo.training.model.pooling.LibNd4jMaxPooling;
import io.vireo.training.nn.ExternalLossTraining;
import io.vireo.training.nn.LossOracle;
import io.vireo.training.optim.MomentumSgd;

/**
 * The encoders' faster pieces (few-pass batch norm, single-pass ReLU, libnd4j max pooling, convolutions that
 * do not recompute their forward in backprop) are
 * an implementation, not a different model: a whole ResNet built with them and the same network built
 * from DL4J's own layers ({@link ResNetGraphs#withDl4jLayers}) give the same forward output, loss,
 * gradient and SGD update.
 */
class FastLayersEquivalenceTest {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    /** Layers whose configuration is one of Vireo's faster subclasses of DL4J's. */
    private static long vireoLayers(ComputationGraph g) {
        return g.getConfiguration().getVertices().values().stream()
                .filter(v -> v instanceof LayerVertex lv && (lv.getLayerConf().getLayer() instanceof SinglePassRelu
                        || lv.getLayerConf().getLayer() instanceof FewPassBatchNormalization
                        || lv.getLayerConf().getLayer() instanceof LibNd4jMaxPooling
                        || lv.getLayerConf().getLayer() instanceof ForwardOnceConvolution))
                .count();
    }

    private static double relDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).norm2Number().doubleValue() / Math.max(1e-12, b.norm2Number().doubleValue());
    }

    /**
     * Float: float rounding through 20 batch norms at batch 8 (measured 5e-6 relative on the gradient). This test
     * found the few-pass batch norm's E[x²] − E[x]² variance losing digits after the first convolution of
     * un-centred pixels: forward differences of 6e-6 flipped a few ReLU masks and moved the gradient by 1e-2;
     * the statistics are now centred. Double: tight, so a real difference in any layer cannot hide in it.
     *
     * <p>Either way the reference is DL4J's layers in float64. DL4J's float path rounds differently from the fast
     * layers' (the pixel-pair convolutions on the last stage's 2×2 maps sum in another order): after the first
     * update here a near-zero activation rounds to the other side of a ReLU in DL4J's float path, whose gradient
     * is then 2.7e-3 from float64 while the fast layers' is 7e-7 from it.
     */
    @ParameterizedTest
    @CsvSource({"FLOAT, 1e-4", "DOUBLE, 1e-7"})
    void resnetWithFastLayersMatchesPlainDl4j(DataType type, double tolerance) {
        EncoderSpec spec = new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 0.25, 64, 3);
        HeadSpec head = new HeadSpec(64, 16);
        ComputationGraph fast = ResNetGraphs.trainableEncoderWithHead(spec, head, 3, type);
        ComputationGraph plain = ResNetGraphs.withDl4jLayers(ResNetGraphs.trainableEncoderWithHead(spec, head, 3,
                DataType.DOUBLE));

        long fastLayers = vireoLayers(fast);
        long plainFastLayers = vireoLayers(plain);
        assertThat(fastLayers).as("ResNet-18: 20 conv + 20 BN + 17 ReLU + the stem pool").isEqualTo(58);
        assertThat(plainFastLayers).isZero();
        plain.params().assign(fast.params());

        Nd4j.getRandom().setSeed(13);
        INDArray x = Nd4j.rand(type, 8, 3, 64, 64);
        INDArray r = Nd4j.randn(type, 8, head.outDim());
        LossOracle oracle = q -> new LossOracle.Evaluation(q.mul(r).sumNumber().doubleValue(), r.dup());
        INDArray xExact = x.castTo(DataType.DOUBLE);
        INDArray rExact = r.castTo(DataType.DOUBLE);
        LossOracle exactOracle = q -> new LossOracle.Evaluation(q.mul(rExact).sumNumber().doubleValue(), rExact.dup());
        assertThat(relDiff(fast.outputSingle(true, x), plain.outputSingle(true, xExact))).as("training-mode forward")
                .isLessThan(tolerance);

        MomentumSgd fastSgd = new MomentumSgd(fast, 0.9, 1e-4);
        MomentumSgd plainSgd = new MomentumSgd(plain, 0.9, 1e-4);
        for (int step = 0; step < 2; step++) {
            // Each step from the same parameters: a random net at batch 8 can amplify float rounding across
            // steps (a flipped ReLU mask), so only per-step agreement is a test of the layers.
            plain.params().assign(fast.params());
            INDArray start = fast.params().dup();
            ExternalLossTraining.Result f = ExternalLossTraining.step(fast, x, head.outDim(), oracle);
            ExternalLossTraining.Result p = ExternalLossTraining.step(plain, xExact, head.outDim(), exactOracle);
            assertThat(f.loss()).as("loss, step %d", step).isCloseTo(p.loss(),
                    org.assertj.core.api.Assertions.within(tolerance * Math.abs(p.loss())));
            assertThat(relDiff(f.flatGradient(), p.flatGradient())).as("flat gradient, step %d", step).isLessThan(tolerance);
            fastSgd.step(fast.params(), f.flatGradient(), 0.05);
            plainSgd.step(plain.params(), p.flatGradient(), 0.05);
            INDArray fastMove = fast.params().sub(start);
            assertThat(fastMove.norm2Number().doubleValue()).as("the step moved the parameters").isGreaterThan(1e-3);
            assertThat(relDiff(fastMove, plain.params().sub(start.castTo(DataType.DOUBLE)))).as("update, step %d", step).isLessThan(tolerance);
        }
        plain.params().assign(fast.params());
        assertThat(relDiff(fast.outputSingle(false, x), plain.outputSingle(false, xExact))).as("inference forward")
                .isLessThan(tolerance);
    }

    /** The float difference above is rounding, and the fast layers round no worse than DL4J's (3e-6 vs 5e-6). */
    @Test
    void floatGradientIsAsCloseToDoubleAsDl4jsIs() {
        EncoderSpec spec = new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 0.25, 64, 3);
        HeadSpec head = new HeadSpec(64, 16);
        ComputationGraph fast = ResNetGraphs.trainableEncoderWithHead(spec, head, 3, DataType.FLOAT);
        ComputationGraph plain = ResNetGraphs.withDl4jLayers(fast);
        ComputationGraph exact = ResNetGraphs.trainableEncoderWithHead(spec, head, 3, DataType.DOUBLE);
        exact.params().assign(fast.params());
        Nd4j.getRandom().setSeed(13);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 3, 64, 64);
        INDArray r = Nd4j.randn(DataType.DOUBLE, 8, head.outDim());
        INDArray gExact = gradient(exact, x, r);
        double fastError = relDiff(gradient(fast, x.castTo(DataType.FLOAT), r.castTo(DataType.FLOAT)), gExact);
        double plainError = relDiff(gradient(plain, x.castTo(DataType.FLOAT), r.castTo(DataType.FLOAT)), gExact);
        assertThat(fastError).as("fast float path vs double (DL4J's float path: %.2e)", plainError)
                .isLessThan(1.25 * plainError);
    }

    private static INDArray gradient(ComputationGraph g, INDArray x, INDArray r) {
        LossOracle oracle = q -> new LossOracle.Evaluation(q.mul(r).sumNumber().doubleValue(), r.dup());
        return ExternalLossTraining.step(g, x, (int) r.size(1), oracle).flatGradient().castTo(DataType.DOUBLE);
    }
}
