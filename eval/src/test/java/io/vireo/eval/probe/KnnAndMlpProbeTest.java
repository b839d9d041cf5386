package io.vireo.eval.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import io.vireo.eval.features.FeatureMatrix;

class KnnAndMlpProbeTest {

    @Test
    void knnVotesAreTheTemperatureWeightedCosinesOfTheKNearest() {
        // Train: class 0 at angles 0° and 10°, class 1 at 60°, class 2 at 180° (lengths differ: cosine ignores them).
        FeatureMatrix bank = FeatureMatrix.of(new double[][] {
                {1, 0}, {2 * Math.cos(Math.toRadians(10)), 2 * Math.sin(Math.toRadians(10))},
                {0.5 * Math.cos(Math.toRadians(60)), 0.5 * Math.sin(Math.toRadians(60))}, {-3, 0}});
        LabeledFeatures train = new LabeledFeatures(bank, new int[] {0, 0, 1, 2}, 3, "bank");
        // Query at 40°: cosines 0°→cos40, 10°→cos30, 60°→cos20, 180°→cos140. k = 2 keeps 60° and 10°.
        FeatureMatrix query = FeatureMatrix.of(new double[][] {{Math.cos(Math.toRadians(40)), Math.sin(Math.toRadians(40))}});
        double t = 0.5;
        double eps = 1e-5; // features are stored as float32
        double[][] votes = KnnProbe.votes(train, query, new KnnConfig(2, t, 1));
        assertThat(votes[0][0]).isCloseTo(Math.exp(Math.cos(Math.toRadians(30)) / t), within(eps));
        assertThat(votes[0][1]).isCloseTo(Math.exp(Math.cos(Math.toRadians(20)) / t), within(eps));
        assertThat(votes[0][2]).isZero();
        // k = 3 adds the 0° point to class 0, which now outvotes class 1.
        double[][] votes3 = KnnProbe.votes(train, query, new KnnConfig(3, t, 1));
        assertThat(votes3[0][0]).isCloseTo(Math.exp(Math.cos(Math.toRadians(30)) / t)
                + Math.exp(Math.cos(Math.toRadians(40)) / t), within(eps));
        assertThat(votes3[0][0]).isGreaterThan(votes3[0][1]);
    }

    @Test
    void knnOnSeparableBlobsIsPerfectAndChunkingChangesNothing() {
        LabeledFeatures train = ProbeFixtures.blobs(5, 10, 50, 10, 5, "train");
        LabeledFeatures test = ProbeFixtures.blobs(5, 10, 30, 10, 6, "test");
        ProbeResult r = KnnProbe.evaluate(train, test, KnnConfig.defaults());
        assertThat(r.top1()).isEqualTo(1.0);
        double[][] a = KnnProbe.votes(train, test.features(), new KnnConfig(20, 0.07, 7));
        double[][] b = KnnProbe.votes(train, test.features(), new KnnConfig(20, 0.07, 1000));
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                assertThat(a[i][c]).isCloseTo(b[i][c], within(1e-9 * Math.max(1, b[i][c])));
            }
        }
    }

    @Test
    void topKRanksTiesByClassIndex() {
        assertThat(TopK.rank(new double[] {0.2, 0.5, 0.3}, 1)).isZero();
        assertThat(TopK.rank(new double[] {0.2, 0.5, 0.3}, 0)).isEqualTo(2);
        assertThat(TopK.rank(new double[] {1, 1, 1}, 2)).isEqualTo(2);
        // Ranks of the truths: 0; 1 (0.5 beats 0.3); 2 (0.4 beats it, and class 0 ties it with a lower index).
        double[][] scores = {{0.1, 0.9, 0.0}, {0.5, 0.2, 0.3}, {0.3, 0.3, 0.4}};
        assertThat(TopK.accuracy(scores, new int[] {1, 2, 1}, 1)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(TopK.accuracy(scores, new int[] {1, 2, 1}, 2)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(TopK.accuracy(scores, new int[] {1, 2, 1}, 3)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void mlpSolvesXorWhereTheLinearProbeCannot() {
        LabeledFeatures train = ProbeFixtures.xor(1000, 7, "train");
        LabeledFeatures test = ProbeFixtures.xor(400, 8, "test");
        ProbeResult linear = LinearProbe.evaluate(train, test, LinearProbeConfig.defaults());
        ProbeResult mlp = MlpProbe.evaluate(train, test, new MlpProbeConfig(32, 60, 50, 1e-2, 0, 1));
        assertThat(linear.top1()).isLessThan(0.7);
        assertThat(mlp.top1()).isGreaterThan(0.9);
    }

    @Test
    void featureSizeMismatchNamesBothSets() {
        LabeledFeatures a = ProbeFixtures.blobs(3, 4, 5, 5, 1, "a.npy");
        LabeledFeatures b = ProbeFixtures.blobs(3, 6, 5, 5, 1, "b.npy");
        assertThatThrownBy(() -> KnnProbe.evaluate(a, b, KnnConfig.defaults()))
                .hasMessageContaining("a.npy").hasMessageContaining("b.npy").hasMessageContaining("feature size");
    }

    @Test
    void validationSplitKeepsEveryClassOnBothSides() {
        LabeledFeatures all = ProbeFixtures.blobs(4, 3, 10, 5, 9, "all");
        LabeledFeatures[] parts = all.split(0.2, 3);
        assertThat(parts[0].size() + parts[1].size()).isEqualTo(40);
        assertThat(parts[1].size()).isEqualTo(8);
        assertThat(parts[1].labels()).contains(0, 1, 2, 3);
        assertThat(parts[0].labels()).contains(0, 1, 2, 3);
    }
}
