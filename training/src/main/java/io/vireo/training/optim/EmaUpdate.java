package io.vireo.training.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one place where parameters are moved by exponential moving average
 * (MoCo's key encoder, ReLIC/BYOL target networks): target ← m·target + (1−m)·online.
 * Applied to DL4J's flat parameter vector, so BN running statistics are averaged as well,
 * matching what MoCo does with its buffers.
 */
public final class EmaUpdate {
    private EmaUpdate() {
    }

    public static void apply(INDArray target, INDArray online, double momentum) {
        if (momentum < 0 || momentum > 1) {
            throw new IllegalArgumentException("EMA momentum must be in [0, 1], got " + momentum);
        }
        if (target.length() != online.length()) {
            throw new IllegalArgumentException("EMA over different layouts: " + target.length() + " vs " + online.length());
        }
        target.muli(momentum).addi(online.mul(1 - momentum));
    }
}
