package io.vireo.training.objective;

import io.vireo.training.model.HeadSpec;

/**
 * Exemplar hyper-parameters.
 *
 * @param views     heavily augmented views per image (the surrogate class)
 * @param margin    batch-hard triplet margin on L2-normalised embeddings (distances lie in [0, 2])
 * @param head      projection head the triplet loss is computed on
 * @param optimiser heavy-ball SGD settings
 */
public record ExemplarSettings(int views, double margin, HeadSpec head, PretextSettings optimiser) {
    public ExemplarSettings {
        if (views < 2) {
            throw new IllegalArgumentException("exemplar.views: need >= 2 views per image for a positive pair, got " + views);
        }
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("exemplar.margin: must be a finite number >= 0, got " + margin);
        }
        if (head == null || optimiser == null) {
            throw new IllegalArgumentException("exemplar: head and optimiser settings must be set");
        }
    }
}
