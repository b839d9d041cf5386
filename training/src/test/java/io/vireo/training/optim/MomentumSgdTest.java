package io.vireo.training.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.model.ResNetGraphs;
import io.vireo.training.model.ResNetVersion;
import io.vireo.training.nn.ExternalLossTraining;
import io.vireo.training.nn.LossOracle;

class MomentumSgdTest {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    @Test
    void batchNormRunningMeanMovesTowardsTheBatchMean() {
        ComputationGraph g = ResNetGraphs.residualBlock(ResNetVersion.V1, false, 3, 4, 1, 6, 1, DataType.FLOAT);
        MomentumSgd sgd = new MomentumSgd(g, 0.9, 1e-4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 3, 6, 6).addi(2.0);
        // Batch mean of the first conv's output, per channel.
        INDArray conv = g.feedForward(x, true).get("blk_conv1");
        INDArray batchMean = conv.mean(0, 2, 3);
        INDArray before = g.getLayer("blk_1_bn").getParam("mean").dup();
        LossOracle zero = o -> new LossOracle.Evaluation(0, o.mul(0));
        ExternalLossTraining.Result r = ExternalLossTraining.step(g, x, 4, zero);
        sgd.step(g.params(), r.flatGradient(), 0.0);
        INDArray after = g.getLayer("blk_1_bn").getParam("mean");
        INDArray expected = before.mul(0.9).addi(batchMean.reshape(before.shape()).mul(0.1));
        for (int c = 0; c < 4; c++) {
            assertThat(after.getDouble(c)).as("running mean of channel %d", c).isCloseTo(expected.getDouble(c), within(1e-4));
        }
    }

    @Test
    void heavyBallMomentumWithCoupledWeightDecay() {
        assertThat(new LearningRateSchedule(0.1, 10, 110, 0).at(0)).isCloseTo(0.01, within(1e-12));
        assertThat(new LearningRateSchedule(0.1, 10, 110, 0).at(9)).isCloseTo(0.1, within(1e-12));
        assertThat(new LearningRateSchedule(0.1, 10, 110, 0).at(60)).isCloseTo(0.05, within(1e-12));
        assertThat(new LearningRateSchedule(0.1, 10, 110, 0.001).at(110)).isCloseTo(0.001, within(1e-12));
        INDArray t = Nd4j.create(new float[] {1, 2});
        EmaUpdate.apply(t, Nd4j.create(new float[] {3, 4}), 0.75);
        assertThat(t.toFloatVector()).containsExactly(1.5f, 2.5f);
    }

    /** v ← μ·v + g + λ·w, w ← w − lr·v on trainable entries; BN running statistics get w − g and no velocity. */
    @Test
    void heavyBallUpdateFollowsPyTorchsFormula() {
        ComputationGraph g = ResNetGraphs.residualBlock(ResNetVersion.V1, false, 3, 4, 1, 6, 1, DataType.FLOAT);
        INDArray stats = MomentumSgd.runningStatMaskFor(g);
        long bnLayers = java.util.Arrays.stream(g.getLayers())
                .filter(l -> l instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization).count();
        assertThat(stats.sumNumber().doubleValue()).as("BN layers x (mean + var) x 4 channels").isEqualTo(bnLayers * 8.0);
        double mu = 0.9;
        double wd = 1e-2;
        double lr = 0.1;
        MomentumSgd sgd = new MomentumSgd(g, mu, wd);
        double[] w = g.params().dup().reshape(g.params().length()).toDoubleVector();
        double[] v = new double[w.length];
        double[] mask = stats.toDoubleVector();
        Nd4j.getRandom().setSeed(21);
        for (int step = 0; step < 2; step++) {
            INDArray grad = Nd4j.randn(DataType.FLOAT, g.params().length());
            double[] gr = grad.toDoubleVector();
            for (int i = 0; i < w.length; i++) {
                if (mask[i] == 1) {
                    w[i] -= gr[i];
                } else {
                    v[i] = mu * v[i] + gr[i] + wd * w[i];
                    w[i] -= lr * v[i];
                }
            }
            sgd.step(g.params(), grad, lr);
        }
        double[] got = g.params().reshape(g.params().length()).toDoubleVector();
        for (int i = 0; i < w.length; i++) {
            assertThat(got[i]).as("parameter %d (running statistic: %s)", i, mask[i] == 1).isCloseTo(w[i], within(1e-5));
        }
        double[] velocity = sgd.velocity().toDoubleVector();
        for (int i = 0; i < w.length; i++) {
            assertThat(velocity[i]).as("velocity %d", i).isCloseTo(v[i], within(1e-5));
        }
    }
}
