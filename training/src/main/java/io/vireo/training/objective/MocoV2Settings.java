package io.vireo.training.objective;

import io.vireo.training.model.HeadSpec;

/**
 * MoCo v2 hyper-parameters.
 *
 * @param queueSize   K negatives (65,536 at ImageNet scale)
 * @param temperature τ of InfoNCE (0.2 in MoCo v2)
 * @param momentum    m of the key encoder EMA (0.999)
 * @param head        projection head (2048 hidden, 128 out at scale)
 * @param bnGuard     batch-statistics leak guard
 * @param bnGroups    groups for {@link BnLeakGuard#SHUFFLED_GROUPS} (the "virtual GPUs")
 * @param sgdMomentum SGD momentum (0.9)
 * @param weightDecay coupled L2 (1e-4)
 */
public record MocoV2Settings(int queueSize, double temperature, double momentum, HeadSpec head,
                             BnLeakGuard bnGuard, int bnGroups, double sgdMomentum, double weightDecay) {
    public MocoV2Settings {
        if (queueSize < 1) {
            throw new IllegalArgumentException("moco.queueSize: must be >= 1, got " + queueSize);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("moco.temperature: must be > 0, got " + temperature);
        }
        if (momentum < 0 || momentum > 1) {
            throw new IllegalArgumentException("moco.momentum: must be in [0, 1], got " + momentum);
        }
        if (bnGroups < 1) {
            throw new IllegalArgumentException("moco.bnGroups: must be >= 1, got " + bnGroups);
        }
    }
}
