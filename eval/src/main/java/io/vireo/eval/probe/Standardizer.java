package io.vireo.eval.probe;

import io.vireo.eval.features.FeatureMatrix;

/**
 * Per-feature z-scoring with statistics of the training rows only (test rows never leak into it).
 * Linear probes on raw pre-logits are badly conditioned (post-ReLU averages of very different
 * scales); standardising makes one L2 grid and one optimiser setting work across encoders.
 */
public record Standardizer(double[] mean, double[] scale) {

    public static Standardizer fit(FeatureMatrix x) {
        int d = x.cols();
        double[] mean = new double[d];
        double[] sq = new double[d];
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x.get(i, j);
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= Math.max(1, x.rows());
        }
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < d; j++) {
                double v = x.get(i, j) - mean[j];
                sq[j] += v * v;
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double std = Math.sqrt(sq[j] / Math.max(1, x.rows()));
            // A constant feature (dead ReLU channel) carries nothing; leave it at 0 instead of dividing by 0.
            scale[j] = std > 1e-8 ? 1 / std : 0;
        }
        return new Standardizer(mean, scale);
    }

    public FeatureMatrix apply(FeatureMatrix x) {
        if (x.cols() != mean.length) {
            throw new IllegalArgumentException("standardizer fitted on " + mean.length + "-d features, got " + x.cols());
        }
        float[] out = new float[x.values().length];
        int d = x.cols();
        for (int i = 0; i < x.rows(); i++) {
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (float) ((x.get(i, j) - mean[j]) * scale[j]);
            }
        }
        return new FeatureMatrix(x.rows(), d, out);
    }
}
