package io.vireo.training.optim;

/**
 * Linear warmup from baseLr/warmupSteps to baseLr, then half-cosine decay to finalLr at totalSteps
 * (MoCo v2 uses the cosine schedule; warmup keeps large-batch starts stable).
 */
public record LearningRateSchedule(double baseLr, long warmupSteps, long totalSteps, double finalLr) {
    public LearningRateSchedule {
        if (!(baseLr > 0)) {
            throw new IllegalArgumentException("lr: must be > 0, got " + baseLr);
        }
        if (finalLr < 0 || finalLr > baseLr) {
            throw new IllegalArgumentException("finalLr: must be in [0, lr], got " + finalLr);
        }
        if (totalSteps < 1) {
            throw new IllegalArgumentException("steps: must be >= 1, got " + totalSteps);
        }
        if (warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("warmupSteps: must be in [0, steps], got " + warmupSteps);
        }
    }

    /**
     * For runs with no planned end (following a growing source): the warmup, then {@code baseLr}
     * for good. A cosine decay needs an end to decay towards; continual training has none.
     */
    public static LearningRateSchedule constantAfterWarmup(double baseLr, long warmupSteps) {
        return new LearningRateSchedule(baseLr, warmupSteps, Long.MAX_VALUE, baseLr);
    }

    /** LR for the update made at 0-based step {@code step}. */
    public double at(long step) {
        if (step < warmupSteps) {
            return baseLr * (step + 1) / warmupSteps;
        }
        long decaySteps = totalSteps - warmupSteps;
        if (decaySteps == 0) {
            return baseLr;
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        return finalLr + 0.5 * (baseLr - finalLr) * (1 + Math.cos(Math.PI * progress));
    }
}
