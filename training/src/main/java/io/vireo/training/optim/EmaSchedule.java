package io.vireo.training.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Cosine schedule of the target-network EMA coefficient (BYOL, ReLICv2):
 * γ(k) = 1 − (1 − γ₀)·(cos(π·k/K) + 1)/2, so γ(0) = γ₀ and γ(K) = 1. Early on the target follows the
 * online network quickly; at the end it is frozen. The update itself is {@link EmaUpdate}.
 *
 * @param base       γ₀ (0.996 in ReLICv2)
 * @param totalSteps K; steps beyond K keep γ = 1
 */
public record EmaSchedule(double base, long totalSteps) {
    public EmaSchedule {
        if (!(base >= 0 && base <= 1)) {
            throw new IllegalArgumentException("relic.emaBase: must be in [0, 1], got " + base);
        }
        if (totalSteps < 1) {
            throw new IllegalArgumentException("steps: the EMA schedule needs totalSteps >= 1, got " + totalSteps);
        }
    }

    public double at(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        double progress = Math.min(1.0, step / (double) totalSteps);
        return 1 - (1 - base) * (Math.cos(Math.PI * progress) + 1) / 2;
    }

    /** target ← γ(step)·target + (1 − γ(step))·online. */
    public void update(INDArray target, INDArray online, long step) {
        EmaUpdate.apply(target, online, at(step));
    }
}
