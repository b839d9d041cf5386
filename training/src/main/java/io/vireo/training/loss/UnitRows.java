package io.vireo.training.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Row-wise L2 normalisation x̂ = x/‖x‖ and its backward pass, shared by the losses that compare
 * embeddings by cosine similarity. Kept in one place so every loss returns gradients with respect
 * to the un-normalised network output (what the backward pass of the network needs).
 */
record UnitRows(INDArray hat, INDArray norm) {

    static UnitRows of(INDArray x) {
        long n = x.size(0);
        INDArray norm = Transforms.max(x.norm2(1).reshape(n, 1), InfoNce.NORM_EPS, false);
        return new UnitRows(x.div(norm), norm);
    }

    /** dL/dx from dL/dx̂:  (dx̂ − x̂ (x̂·dx̂)) / ‖x‖ (the radial component does not change x̂). */
    INDArray backward(INDArray dHat) {
        INDArray radial = hat.mul(dHat).sum(true, 1);
        return dHat.sub(hat.mulColumnVector(radial)).diviColumnVector(norm);
    }

    /** Row-wise log-softmax, stable (row max subtracted before exp). */
    static INDArray logSoftmax(INDArray logits) {
        INDArray rowMax = logits.max(true, 1);
        INDArray shifted = logits.sub(rowMax);
        INDArray logZ = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subi(logZ);
    }

    /** Fraction of rows whose largest entry is on the diagonal (row i's positive is column i). */
    static double diagonalArgmaxRate(INDArray logits) {
        INDArray arg = logits.argMax(1);
        long hits = 0;
        for (int i = 0; i < logits.size(0); i++) {
            if (arg.getLong(i) == i) {
                hits++;
            }
        }
        return hits / (double) logits.size(0);
    }

    static void requireMatrix(String what, INDArray a, long cols) {
        if (a.rank() != 2 || (cols >= 0 && a.size(1) != cols)) {
            throw new IllegalArgumentException(what + " must be N x " + (cols >= 0 ? cols : "D") + "; got "
                    + java.util.Arrays.toString(a.shape()));
        }
    }

    static void requirePositive(String key, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(key + ": must be a positive finite number, got " + v);
        }
    }
}
