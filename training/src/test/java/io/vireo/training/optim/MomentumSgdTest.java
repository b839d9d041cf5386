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
}
