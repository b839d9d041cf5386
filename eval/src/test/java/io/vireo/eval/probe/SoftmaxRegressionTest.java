package io.vireo.eval.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;

import io.vireo.eval.features.FeatureMatrix;

class SoftmaxRegressionTest {

    private static final Lbfgs.Settings TIGHT = new Lbfgs.Settings(10, 500, 1e-12);

    @Test
    void twoPointMultinomialProblemHasTheHandDerivedMargin() {
        // x = +1 is class 1, x = -1 class 0 (already standardised: mean 0, std 1). By symmetry the
        // optimum has equal biases and w1 = -w0 = a/2, so the logit gap at x is a·x and the objective
        // is log(1 + e^-a) + λ·a²/4; its stationary point solves σ(-a) = λ·a/2.
        double l2 = 0.5;
        double a = root(t -> sigmoid(-t) - l2 * t / 2, 0, 50);
        FeatureMatrix x = FeatureMatrix.of(new double[][] {{1}, {-1}});
        LinearModel model = SoftmaxRegression.multinomial(x, new int[] {1, 0}, 2, l2, TIGHT);
        double[][] s = model.scores(FeatureMatrix.of(new double[][] {{1}, {-1}, {0}}));
        assertThat(s[0][1] - s[0][0]).isCloseTo(a, within(1e-6));
        assertThat(s[1][0] - s[1][1]).isCloseTo(a, within(1e-6));
        assertThat(s[2][1] - s[2][0]).isCloseTo(0, within(1e-6));
    }

    @Test
    void oneVsRestLeavesZeroWeightExamplesOutAndMatchesTheHandDerivedWeight() {
        // Rows x = +1 (positive), x = -1 (negative), x = 0 (negative, but weight 0: "difficult").
        // Standardised: mean 0, std sqrt(2/3), so z = ±s with s = sqrt(3/2) for the counted rows.
        // The objective over the two counted rows (a mean) is log(1 + e^{-w·s}) + λ/2·w² with b = 0 by
        // symmetry: stationary at s·σ(-w·s) = λ·w. Had the weight-0 row counted, its target 0 at
        // z = 0 would pull the bias, and the score at x = 0 would go negative.
        double l2 = 0.3;
        double s = Math.sqrt(1.5);
        double w = root(t -> s * sigmoid(-t * s) - l2 * t, 0, 50);
        FeatureMatrix x = FeatureMatrix.of(new double[][] {{1}, {-1}, {0}});
        double[][] targets = {{1}, {0}, {0}};
        double[][] weights = {{1}, {1}, {0}};
        LinearModel model = SoftmaxRegression.oneVsRest(x, targets, weights, l2, TIGHT);
        double[][] scores = model.scores(x);
        assertThat(scores[0][0]).isCloseTo(w * s, within(1e-6));
        assertThat(scores[1][0]).isCloseTo(-w * s, within(1e-6));
        assertThat(scores[2][0]).isCloseTo(0, within(1e-6));
    }

    @Test
    void separableBlobsAreClassifiedPerfectly() {
        LabeledFeatures train = ProbeFixtures.blobs(6, 16, 60, 12, 1, "train");
        LabeledFeatures test = ProbeFixtures.blobs(6, 16, 40, 12, 2, "test");
        ProbeResult r = LinearProbe.evaluate(train, test, LinearProbeConfig.defaults());
        assertThat(r.top1()).isEqualTo(1.0);
        assertThat(r.top5()).isEqualTo(1.0);
        assertThat(r.testSize()).isEqualTo(240);
        assertThat(r.settings()).containsKeys("l2", "validationTop1");
        assertThat(LinearProbeConfig.DEFAULT_GRID).contains((Double) r.settings().get("l2"));
    }

    @Test
    void overlappingClassesAreNotPerfectButWellAboveChance() {
        // Centres 2σ apart: the Bayes error is well above 0, so a perfect score would mean leakage.
        LabeledFeatures train = ProbeFixtures.blobs(4, 8, 200, 2, 3, "train");
        LabeledFeatures test = ProbeFixtures.blobs(4, 8, 200, 2, 4, "test");
        ProbeResult r = LinearProbe.evaluate(train, test, LinearProbeConfig.defaults());
        assertThat(r.top1()).isBetween(0.55, 0.95);
        assertThat(r.top5()).isEqualTo(1.0); // 4 classes: top-min(5, 4) always contains the truth
    }

    static double sigmoid(double t) {
        return 1 / (1 + Math.exp(-t));
    }

    /** Bisection on a function that changes sign once on [lo, hi]. */
    static double root(DoubleUnaryOperator f, double lo, double hi) {
        double flo = f.applyAsDouble(lo);
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            double fm = f.applyAsDouble(mid);
            if ((fm > 0) == (flo > 0)) {
                lo = mid;
                flo = fm;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
