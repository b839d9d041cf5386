package io.vireo.training.objective;

/**
 * Optimiser settings shared by the classification pretext tasks and the supervised baseline.
 *
 * @param sgdMomentum heavy-ball momentum (0.9)
 * @param weightDecay coupled L2 (1e-4)
 */
public record PretextSettings(double sgdMomentum, double weightDecay) {
    public PretextSettings {
        if (!(sgdMomentum >= 0 && sgdMomentum < 1)) {
            throw new IllegalArgumentException("optim.momentum: must be in [0, 1), got " + sgdMomentum);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("optim.weightDecay: must be >= 0, got " + weightDecay);
        }
    }

    public static PretextSettings defaults() {
        return new PretextSettings(0.9, 1e-4);
    }
}
