package io.vireo.training.model;

/**
 * The MoCo v2 projection head: Linear(hidden) - ReLU - Linear(outDim), no batch norm (as in MoCo v2).
 *
 * @param hidden hidden width (2048 at scale)
 * @param outDim embedding dimension fed to the loss (128 in MoCo v2)
 */
public record HeadSpec(int hidden, int outDim) {
    public HeadSpec {
        if (hidden < 1) {
            throw new IllegalArgumentException("hidden: must be >= 1, got " + hidden);
        }
        if (outDim < 1) {
            throw new IllegalArgumentException("outDim: must be >= 1, got " + outDim);
        }
    }
}
