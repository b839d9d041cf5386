package io.vireo.training.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.model.Arch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.HeadSpec;
import io.vireo.training.model.ResNetGraphs;
import io.vireo.training.model.ResNetVersion;

class ExternalLossTrainingTest {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    /**
     * DL4J asks the loss layer for the score and for the gradient separately; oracles that accumulate
     * (ReLICv2's metric sums over passes) must still be asked once per step.
     */
    @Test
    void asksTheOracleOncePerStep() {
        ComputationGraph g = ResNetGraphs.trainableEncoderWithHead(new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 0.25, 16, 3),
                new HeadSpec(16, 8), 5, DataType.FLOAT);
        int[] calls = new int[1];
        LossOracle oracle = out -> {
            calls[0]++;
            return new LossOracle.Evaluation(out.sumNumber().doubleValue(), Nd4j.onesLike(out));
        };
        for (int step = 1; step <= 2; step++) {
            ExternalLossTraining.Result r = ExternalLossTraining.step(g, Nd4j.rand(DataType.FLOAT, 4, 3, 16, 16), 8, oracle);
            assertThat(calls[0]).isEqualTo(step);
            assertThat(r.flatGradient().amaxNumber().doubleValue()).isGreaterThan(0);
        }
    }
}
