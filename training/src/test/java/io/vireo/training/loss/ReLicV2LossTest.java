package io.vireo.training.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.backend.TrainingBackend;

class ReLicV2LossTest {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    /**
     * Float64 reference written from the definition: logits φ(o_i, t_j)/τ, contrastive −log softmax
     * at the diagonal, KL(p_o(i) ‖ p_t(i)) with p_t(i) = softmax_j φ(t_i, o_j)/τ; mean over i.
     * Returns {loss, contrastive, kl}.
     */
    static double[] reference(double[][] o, double[][] t, double tau, double beta) {
        int n = o.length;
        double contrastive = 0, kl = 0;
        for (int i = 0; i < n; i++) {
            double[] rowO = new double[n];
            double[] rowT = new double[n];
            for (int j = 0; j < n; j++) {
                rowO[j] = Ref.cos(o[i], t[j]) / tau;
                rowT[j] = Ref.cos(t[i], o[j]) / tau;
            }
            double lzO = Ref.logSumExp(rowO), lzT = Ref.logSumExp(rowT);
            contrastive += lzO - rowO[i];
            for (int j = 0; j < n; j++) {
                double logP = rowO[j] - lzO, logQ = rowT[j] - lzT;
                kl += Math.exp(logP) * (logP - logQ);
            }
        }
        return new double[] {(contrastive + beta * kl) / n, contrastive / n, kl / n};
    }


    static double referenceFrozenQ(double[][] o, double[][] oFrozen, double[][] t, double tau, double beta) {
        int n = o.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double[] rowO = new double[n];
            double[] rowT = new double[n];
            for (int j = 0; j < n; j++) {
                rowO[j] = Ref.cos(o[i], t[j]) / tau;
                rowT[j] = Ref.cos(t[i], oFrozen[j]) / tau;
            }
            double lzO = Ref.logSumExp(rowO), lzT = Ref.logSumExp(rowT);
            total += lzO - rowO[i];
            for (int j = 0; j < n; j++) {
                double logP = rowO[j] - lzO, logQ = rowT[j] - lzT;
                total += beta * Math.exp(logP) * (logP - logQ);
            }
        }
        return total / n;
    }

    static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    @Test
    void pairLossAndGradientMatchFloat64ReferenceIncludingTheKlTerm() {
        Random rnd = new Random(42);
        double[][] taus = {{0.2, 1.0}, {0.1, 0.5}, {0.5, 2.0}};
        for (double[] tb : taus) {
            int n = 7, d = 12;
            double[][] o = Ref.gaussian(rnd, n, d, 2.0);
            double[][] t = Ref.gaussian(rnd, n, d, 0.7);
            // Make positives correlated so neither term is degenerate.
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    t[i][j] += 0.5 * o[i][j];
                }
            }
            ReLicV2Loss.PairResult r = ReLicV2Loss.pair(Ref.nd(o), Ref.nd(t), tb[0], tb[1]);
            double[] ref = reference(o, t, tb[0], tb[1]);
            assertThat(r.loss()).isCloseTo(ref[0], within(2e-5 * Math.max(1, ref[0])));
            assertThat(r.contrastive()).isCloseTo(ref[1], within(2e-5 * Math.max(1, ref[1])));
            assertThat(r.kl()).isCloseTo(ref[2], within(2e-5 * Math.max(1, ref[2])));
            assertThat(ref[2]).as("KL term is not trivially zero").isGreaterThan(1e-3);

            double[][] frozen = copy(o);
            double[][] numeric = Ref.numericGradient(o, x -> referenceFrozenQ(x, frozen, t, tb[0], tb[1]));
            assertThat(Ref.relativeError(numeric, r.gradOnline())).isLessThan(2e-4);
        }
    }

    @Test
    void betaZeroIsPlainInfoNceOverTheBatchAndBetaScalesOnlyTheKl() {
        Random rnd = new Random(5);
        INDArray o = Ref.nd(Ref.gaussian(rnd, 6, 8, 1));
        INDArray t = Ref.nd(Ref.gaussian(rnd, 6, 8, 1));
        ReLicV2Loss.PairResult b0 = ReLicV2Loss.pair(o, t, 0.2, 0);
        ReLicV2Loss.PairResult b3 = ReLicV2Loss.pair(o, t, 0.2, 3);
        assertThat(b0.loss()).isCloseTo(b0.contrastive(), within(1e-6));
        assertThat(b3.loss()).isCloseTo(b0.contrastive() + 3 * b0.kl(), within(1e-4));
        // Identical views: p_o = p_t, KL = 0; alignment gives full accuracy.
        ReLicV2Loss.PairResult same = ReLicV2Loss.pair(o, o.mul(3), 0.1, 1);
        assertThat(same.kl()).isCloseTo(0, within(1e-5));
        assertThat(same.accuracy()).isEqualTo(1.0);
    }

    @Test
    void multiCropSumsLargeLargeAndSmallLargePairsOverLPlusSTimesL() {
        Random rnd = new Random(11);
        int n = 5, d = 6, large = 2, small = 3;
        double tau = 0.2, beta = 1.0;
        List<double[][]> views = new ArrayList<>();   // online: large then small
        List<double[][]> targets = new ArrayList<>();
        for (int v = 0; v < large + small; v++) {
            views.add(Ref.gaussian(rnd, n, d, 1.5));
        }
        for (int v = 0; v < large; v++) {
            targets.add(Ref.gaussian(rnd, n, d, 1.0));
        }
        List<INDArray> ol = new ArrayList<>(), os = new ArrayList<>(), tl = new ArrayList<>();
        for (int v = 0; v < large + small; v++) {
            (v < large ? ol : os).add(Ref.nd(views.get(v)));
        }
        targets.forEach(t -> tl.add(Ref.nd(t)));
        ReLicV2Loss.MultiCropResult r = ReLicV2Loss.multiCrop(ol, os, tl, tau, beta);

        // Reference: explicit double loop over the 5 online views × 2 target views = 10 pairs, / 10.
        List<double[][]> frozen = views.stream().map(ReLicV2LossTest::copy).toList();
        double expected = 0;
        for (int i = 0; i < large + small; i++) {
            for (int j = 0; j < large; j++) {
                expected += reference(views.get(i), targets.get(j), tau, beta)[0];
            }
        }
        expected /= (large + small) * large;
        assertThat(r.loss()).isCloseTo(expected, within(2e-5 * Math.max(1, expected)));
        assertThat(r.gradLarge()).hasSize(large);
        assertThat(r.gradSmall()).hasSize(small);

        // Gradient of each online view: numeric over the whole aggregate, with the KL targets frozen.
        for (int v = 0; v < large + small; v++) {
            final int view = v;
            double[][] numeric = Ref.numericGradient(views.get(v), x -> {
                double s = 0;
                for (int j = 0; j < large; j++) {
                    s += referenceFrozenQ(x, frozen.get(view), targets.get(j), tau, beta);
                }
                return s / ((large + small) * large);
            });
            INDArray analytic = v < large ? r.gradLarge().get(v) : r.gradSmall().get(v - large);
            assertThat(Ref.relativeError(numeric, analytic)).as("view %d", v).isLessThan(2e-4);
        }
    }

    @Test
    void invalidSettingsNameTheKey() {
        INDArray a = Ref.nd(Ref.gaussian(new Random(1), 3, 4, 1));
        assertThatThrownBy(() -> ReLicV2Loss.pair(a, a, 0, 1)).hasMessageStartingWith("relic.temperature");
        assertThatThrownBy(() -> ReLicV2Loss.pair(a, a, 0.2, -1)).hasMessageStartingWith("relic.beta");
        assertThatThrownBy(() -> ReLicV2Loss.multiCrop(List.of(a), List.of(), List.of(), 0.2, 1))
                .hasMessageStartingWith("relic.largeCrops");
    }
}
