package io.vireo.training.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.nn.ExternalLossTraining;
import io.vireo.training.nn.LossOracle;
import io.vireo.training.optim.MomentumSgd;

/**
 * Finite-difference checks of the external-errors backward path Vireo trains with, in float64.
 * Loss = Σ out ⊙ R for a fixed random R, so dLoss/dOut = R is the external error.
 */
class GradientCheckTest {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    @ParameterizedTest
    @CsvSource({"V1, false, 4, 4, 1", "V1, false, 3, 4, 2", "V2, false, 4, 4, 1", "V2, true, 4, 2, 2"})
    void residualBlockGradientsMatchFiniteDifferences(ResNetVersion v, boolean bottleneck, int in, int width, int stride) {
        ComputationGraph g = ResNetGraphs.residualBlock(v, bottleneck, in, width, stride, 6, 11, DataType.DOUBLE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, in, 6, 6).subi(0.5);
        check(g, x, 20);
    }

    /** Two reversible units with the pool-and-zero-pad stage transition between them (split, add, merge, scale-by-0 vertices). */
    @Test
    void reversibleUnitsGradientsMatchFiniteDifferences() {
        ComputationGraph g = ResNetGraphs.reversibleUnits(8, 2, 6, 13, DataType.DOUBLE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 8, 6, 6).subi(0.5);
        assertThat(g.outputSingle(true, x).shape()).containsExactly(3, 16 * 3 * 3); // the loss layer sees it flattened
        check(g, x, 20);
    }

    /** A VGG block: two conv-BN-ReLU layers and the 2x2 max-pool. */
    @Test
    void vggBlockGradientsMatchFiniteDifferences() {
        ComputationGraph g = ResNetGraphs.vggBlock(3, 4, 2, 6, 17, DataType.DOUBLE);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 3, 6, 6).subi(0.5);
        assertThat(g.outputSingle(true, x).shape()).containsExactly(3, 4 * 3 * 3);
        check(g, x, 20);
    }

    @Test
    void mlpHeadGradientsMatchFiniteDifferences() {
        ComputationGraph g = ResNetGraphs.head(10, new HeadSpec(12, 5), 5, DataType.DOUBLE);
        check(g, Nd4j.rand(DataType.DOUBLE, 4, 10).subi(0.5), 40);
    }

    private static void check(ComputationGraph g, INDArray x, int samples) {
        INDArray out = g.outputSingle(true, x);
        INDArray r = Nd4j.rand(DataType.DOUBLE, out.shape()).subi(0.5);
        LossOracle oracle = o -> new LossOracle.Evaluation(o.mul(r).sumNumber().doubleValue(), r.dup());
        ExternalLossTraining.Result step = ExternalLossTraining.step(g, x, (int) out.size(1), oracle);
        assertThat(step.loss()).isCloseTo(out.mul(r).sumNumber().doubleValue(), org.assertj.core.api.Assertions.within(1e-9));
        INDArray analytic = step.flatGradient().dup();
        INDArray stats = MomentumSgd.runningStatMaskFor(g);
        INDArray params = g.params();
        Random rnd = new Random(42);
        double h = 1e-6;
        int checked = 0;
        double worst = 0;
        for (int s = 0; s < samples * 3 && checked < samples; s++) {
            int i = rnd.nextInt((int) params.length());
            if (stats.getDouble(i) != 0) {
                continue; // running statistics are not differentiable parameters
            }
            double keep = params.getDouble(i);
            params.putScalar(i, keep + h);
            double up = g.outputSingle(true, x).mul(r).sumNumber().doubleValue();
            params.putScalar(i, keep - h);
            double down = g.outputSingle(true, x).mul(r).sumNumber().doubleValue();
            params.putScalar(i, keep);
            double numeric = (up - down) / (2 * h);
            double a = analytic.getDouble(i);
            double rel = Math.abs(a - numeric) / Math.max(1e-3, Math.abs(a) + Math.abs(numeric));
            worst = Math.max(worst, rel);
            checked++;
        }
        assertThat(checked).isEqualTo(samples);
        assertThat(worst).as("worst relative error").isLessThan(1e-5);
    }
}
