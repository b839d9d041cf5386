package io.vireo.eval.probe;

/**
 * One-hidden-layer MLP probe settings (the Revisiting-SSL comparison of a linear and a non-linear
 * probe on the same frozen features).
 *
 * @param hidden       hidden units (ReLU)
 * @param epochs       passes over the training rows
 * @param batchSize    rows per Adam step
 * @param learningRate Adam step size
 * @param weightDecay  decoupled weight decay on the weights
 * @param seed         initialisation and shuffling
 */
public record MlpProbeConfig(int hidden, int epochs, int batchSize, double learningRate, double weightDecay, long seed) {
    public MlpProbeConfig {
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden: must be >= 1, got " + hidden);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs: must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate: must be a positive finite number, got " + learningRate);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay: must be finite and >= 0, got " + weightDecay);
        }
    }

    public static MlpProbeConfig defaults() {
        return new MlpProbeConfig(512, 30, 256, 1e-3, 1e-4, 0);
    }
}
