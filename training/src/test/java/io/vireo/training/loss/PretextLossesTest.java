package io.vireo.training.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.backend.TrainingBackend;

/** Softmax cross-entropy, batch-hard triplet and PIRL NCE against independent float64 references. */
class PretextLossesTest {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    static double refCrossEntropy(double[][] z, int[] y) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            s += Ref.logSumExp(z[i]) - z[i][y[i]];
        }
        return s / z.length;
    }

    @Test
    void crossEntropyMatchesReference() {
        Random rnd = new Random(2);
        double[][] z = Ref.gaussian(rnd, 9, 8, 3);
        int[] y = new int[9];
        for (int i = 0; i < 9; i++) {
            y[i] = rnd.nextInt(8);
        }
        SoftmaxCrossEntropy.Result r = SoftmaxCrossEntropy.compute(Ref.nd(z), y);
        assertThat(r.loss()).isCloseTo(refCrossEntropy(z, y), within(1e-5));
        assertThat(Ref.relativeError(Ref.numericGradient(z, x -> refCrossEntropy(x, y)), r.gradLogits())).isLessThan(1e-4);
        int correct = 0;
        for (int i = 0; i < 9; i++) {
            int arg = 0;
            for (int c = 1; c < 8; c++) {
                arg = z[i][c] > z[i][arg] ? c : arg;
            }
            correct += arg == y[i] ? 1 : 0;
        }
        assertThat(r.accuracy()).isEqualTo(correct / 9.0);
        assertThatThrownBy(() -> SoftmaxCrossEntropy.compute(Ref.nd(z), new int[] {8, 0, 0, 0, 0, 0, 0, 0, 0}))
                .hasMessageContaining("label 8");
    }

    /** Batch-hard triplet from the definition, on normalised rows. */
    static double refTriplet(double[][] e, int[] g, double margin) {
        int n = e.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double hardPos = Double.NEGATIVE_INFINITY, hardNeg = Double.POSITIVE_INFINITY;
            double[] a = Ref.unit(e[i]);
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double[] b = Ref.unit(e[j]);
                double d2 = 0;
                for (int k = 0; k < a.length; k++) {
                    d2 += (a[k] - b[k]) * (a[k] - b[k]);
                }
                double d = Math.sqrt(d2 + TripletLoss.DIST_EPS);
                if (g[j] == g[i]) {
                    hardPos = Math.max(hardPos, d);
                } else {
                    hardNeg = Math.min(hardNeg, d);
                }
            }
            total += Math.max(0, hardPos - hardNeg + margin);
        }
        return total / n;
    }

    @Test
    void tripletLossMatchesReference() {
        Random rnd = new Random(8);
        int[] groups = {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3};
        for (double margin : new double[] {0.2, 0.5, 1.0}) {
            double[][] e = Ref.gaussian(rnd, groups.length, 10, 2);
            TripletLoss.Result r = TripletLoss.batchHard(Ref.nd(e), groups, margin);
            double ref = refTriplet(e, groups, margin);
            assertThat(ref).isGreaterThan(0);
            assertThat(r.loss()).isCloseTo(ref, within(1e-5));
            assertThat(Ref.relativeError(Ref.numericGradient(e, x -> refTriplet(x, groups, margin)), r.gradEmbeddings()))
                    .as("margin %s", margin).isLessThan(2e-4);
        }
        // Well-separated groups and a small margin: no active triplet, zero loss.
        double[][] sep = new double[6][3];
        int[] g2 = {0, 0, 1, 1, 2, 2};
        for (int i = 0; i < 6; i++) {
            sep[i][g2[i]] = 1 + 0.01 * i;
        }
        assertThat(TripletLoss.batchHard(Ref.nd(sep), g2, 0.1).loss()).isZero();
        assertThatThrownBy(() -> TripletLoss.batchHard(Ref.nd(sep), new int[] {0, 1, 2, 3, 4, 5}, 0.1))
                .hasMessageContaining("groups");
    }

    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** NCE from the definition: h = e^{s/τ}/(e^{s/τ} + c); −log h(pos) − Σ log(1 − h(neg)). */
    static double refNce(double[][] x, double[][] pos, double[][] neg, double tau, double c) {
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            double e = Math.exp(Ref.cos(x[i], pos[i]) / tau);
            total += -Math.log(e / (e + c));
            for (double[] m : neg) {
                double en = Math.exp(Ref.cos(x[i], m) / tau);
                total += -Math.log(1 - en / (en + c));
            }
        }
        return total / x.length;
    }

    @Test
    void pirlNceMatchesReferenceForBothOutputs() {
        Random rnd = new Random(13);
        int n = 6, d = 8, k = 20;
        double tau = 0.3, c = 2.5, lambda = 0.5;
        double[][] t = Ref.gaussian(rnd, n, d, 2);
        double[][] o = Ref.gaussian(rnd, n, d, 0.5);
        double[][] mem = Ref.gaussian(rnd, n, d, 1);
        double[][] neg = Ref.gaussian(rnd, k, d, 1);
        for (int i = 0; i < n; i++) {
            mem[i] = Ref.unit(mem[i]);
        }
        for (int i = 0; i < k; i++) {
            neg[i] = Ref.unit(neg[i]);
        }
        PirlNce.Result r = PirlNce.pirl(Ref.nd(t), Ref.nd(o), Ref.nd(mem), Ref.nd(neg), tau, c, lambda);
        double ref = lambda * refNce(t, mem, neg, tau, c) + (1 - lambda) * refNce(o, mem, neg, tau, c);
        assertThat(r.loss()).isCloseTo(ref, within(1e-5 * Math.max(1, ref)));
        assertThat(Ref.relativeError(Ref.numericGradient(t, x -> lambda * refNce(x, mem, neg, tau, c)), r.gradTransformed()))
                .isLessThan(2e-4);
        assertThat(Ref.relativeError(Ref.numericGradient(o, x -> (1 - lambda) * refNce(x, mem, neg, tau, c)), r.gradOriginal()))
                .isLessThan(2e-4);
        // Large logits (τ small): the stable softplus must not overflow.
        PirlNce.NceResult sharp = PirlNce.nce(Ref.nd(mem), Ref.nd(mem), Ref.nd(neg), 0.01, c);
        assertThat(sharp.loss()).isFinite();
        // (the naive reference overflows here: compare with the same definition in log-sigmoid form)
        double stable = 0;
        for (int i = 0; i < n; i++) {
            stable += softplus(-(1.0 / 0.01 - Math.log(c)));
            for (double[] m : neg) {
                stable += softplus(Ref.cos(mem[i], m) / 0.01 - Math.log(c));
            }
        }
        assertThat(sharp.loss()).isCloseTo(stable / n, within(1e-3 * Math.max(1, sharp.loss())));
        INDArray unit = Ref.nd(mem);
        assertThatThrownBy(() -> PirlNce.pirl(unit, unit, unit, Ref.nd(neg), tau, c, 1.5)).hasMessageStartingWith("pirl.lambda");
    }
}
