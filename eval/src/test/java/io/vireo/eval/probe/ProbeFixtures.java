package io.vireo.eval.probe;

import java.util.SplittableRandom;

import io.vireo.eval.features.FeatureMatrix;

/** Synthetic labelled feature sets for probe tests. */
final class ProbeFixtures {

    private ProbeFixtures() {
    }

    /** {@code perClass} Gaussian points (σ = 1) around class centres spaced {@code spacing} apart on the axes. */
    static LabeledFeatures blobs(int classes, int dim, int perClass, double spacing, long seed, String name) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = classes * perClass;
        double[][] rows = new double[n][dim];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            labels[i] = c;
            for (int j = 0; j < dim; j++) {
                rows[i][j] = gaussian(random) + (j == c % dim ? spacing * (1 + c / dim) : 0);
            }
        }
        return new LabeledFeatures(FeatureMatrix.of(rows), labels, classes, name);
    }

    /** XOR of the signs of two uniform coordinates: no linear classifier beats ~50 %. */
    static LabeledFeatures xor(int n, long seed, String name) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble(-1, 1);
            double b = random.nextDouble(-1, 1);
            rows[i][0] = a;
            rows[i][1] = b;
            labels[i] = (a > 0) == (b > 0) ? 0 : 1;
        }
        return new LabeledFeatures(FeatureMatrix.of(rows), labels, 2, name);
    }

    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
