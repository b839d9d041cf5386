package io.vireo.training.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.backend.TrainingBackend;

class InfoNceTest {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    /** Independent float64 reference: the loss only, written from the definition. */
    static double referenceLoss(double[][] q, double[][] k, double[][] queue, double tau) {
        double total = 0;
        for (int i = 0; i < q.length; i++) {
            double[] qh = unit(q[i]);
            double[] kh = unit(k[i]);
            double[] logits = new double[queue.length + 1];
            logits[0] = dot(qh, kh) / tau;
            for (int j = 0; j < queue.length; j++) {
                logits[j + 1] = dot(qh, queue[j]) / tau;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double l : logits) {
                max = Math.max(max, l);
            }
            double z = 0;
            for (double l : logits) {
                z += Math.exp(l - max);
            }
            total += Math.log(z) + max - logits[0];
        }
        return total / q.length;
    }

    static double[] unit(double[] v) {
        double n = Math.sqrt(dot(v, v));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i] / n;
        }
        return r;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void lossAndGradientMatchFloat64ReferenceOnRandomInputs() {
        Random rnd = new Random(1234);
        for (int trial = 0; trial < 3; trial++) {
            int n = 6 + trial, d = 16, kq = 40;
            double tau = trial == 0 ? 0.2 : 0.07 + 0.3 * trial;
            // Non-unit scales: the normalisation (and its Jacobian) must happen inside.
            double[][] q = Ref.gaussian(rnd, n, d, 3.0);
            double[][] k = Ref.gaussian(rnd, n, d, 0.5);
            double[][] queue = Ref.gaussian(rnd, kq, d, 1.0);
            for (int j = 0; j < kq; j++) {
                queue[j] = unit(queue[j]);
            }
            InfoNceResult r = InfoNce.compute(Ref.nd(q), Ref.nd(k), Ref.nd(queue), tau);
            double ref = referenceLoss(q, k, queue, tau);
            assertThat(r.loss()).isCloseTo(ref, within(1e-5 * Math.max(1, Math.abs(ref))));

            // Reference gradient by central differences of the float64 reference loss.
            double h = 1e-6;
            double maxAbs = 0, maxErr = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    double keep = q[i][j];
                    q[i][j] = keep + h;
                    double up = referenceLoss(q, k, queue, tau);
                    q[i][j] = keep - h;
                    double down = referenceLoss(q, k, queue, tau);
                    q[i][j] = keep;
                    double numeric = (up - down) / (2 * h);
                    maxAbs = Math.max(maxAbs, Math.abs(numeric));
                    maxErr = Math.max(maxErr, Math.abs(numeric - r.gradQuery().getDouble(i, j)));
                }
            }
            assertThat(maxAbs).isGreaterThan(1e-3); // a gradient that is not trivially zero
            assertThat(maxErr).as("max |analytic - numeric| (max |g| = %s)", maxAbs).isLessThan(1e-4 * Math.max(1, maxAbs));
        }
    }

    @Test
    void gradientIsOrthogonalToTheQueryBecauseScaleDoesNotMatter() {
        Random rnd = new Random(9);
        INDArray q = Ref.nd(Ref.gaussian(rnd, 8, 12, 2));
        InfoNceResult r = InfoNce.compute(q, Ref.nd(Ref.gaussian(rnd, 8, 12, 1)), InfoNce.normalizeRows(Ref.nd(Ref.gaussian(rnd, 30, 12, 1))), 0.2);
        INDArray radial = q.mul(r.gradQuery()).sum(1);
        assertThat(radial.amaxNumber().doubleValue()).isLessThan(1e-5);
        // Doubling q changes nothing in the loss.
        InfoNceResult doubled = InfoNce.compute(q.mul(2), Ref.nd(Ref.gaussian(new Random(9), 8, 12, 2)), InfoNce.normalizeRows(Ref.nd(Ref.gaussian(rnd, 30, 12, 1))), 0.2);
        assertThat(doubled.loss()).isFinite();
    }

    @Test
    void perfectlyAlignedPositivesGiveLowLossAndFullAccuracy() {
        Random rnd = new Random(3);
        INDArray q = Ref.nd(Ref.gaussian(rnd, 8, 32, 1));
        INDArray queue = InfoNce.normalizeRows(Ref.nd(Ref.gaussian(rnd, 64, 32, 1)));
        InfoNceResult aligned = InfoNce.compute(q, q.mul(5), queue, 0.2);
        InfoNceResult random = InfoNce.compute(q, Ref.nd(Ref.gaussian(rnd, 8, 32, 1)), queue, 0.2);
        assertThat(aligned.accuracy()).isEqualTo(1.0);
        assertThat(aligned.loss()).isLessThan(random.loss());
    }
}
