package io.vireo.training.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

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
        if (!Shape.hasDefaultStridesForShape(target) || !Shape.hasDefaultStridesForShape(online)) {
            target.muli(momentum).addi(online.mul(1 - momentum));
            return;
        }
        // In place with a BLAS axpy: no temporary the size of the network, an eighth of the time.
        INDArray t = target.reshape(target.length());
        t.muli(momentum);
        Nd4j.getBlasWrapper().level1().axpy(t.length(), 1 - momentum, online.reshape(online.length()), t);
    }
}
