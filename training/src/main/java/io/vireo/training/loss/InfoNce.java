package io.vireo.training.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * InfoNCE with a queue of negatives (MoCo): for each query q_i, one positive k_i and K negatives
 * from the queue, logits = [q̂·k̂_i, q̂·n_1 … q̂·n_K] / τ, loss = mean_i −log softmax(logits_i)[0].
 *
 * <p>Pure function. Query and key embeddings are L2-normalised here; the returned gradient is with
 * respect to the un-normalised query (it includes the normalisation Jacobian), so callers feed it
 * straight into the network's backward pass. Keys and queue are constants (stop-gradient), as in MoCo.
 * Queue rows are expected to be unit vectors already (they are normalised keys of earlier batches).
 */
public final class InfoNce {
    /** Guards the division for an all-zero embedding (F.normalize uses the same floor). */
    static final double NORM_EPS = 1e-12;

    private InfoNce() {
    }

    /**
     * @param q           queries, N x D (un-normalised)
     * @param k           positive keys, N x D (un-normalised)
     * @param negatives   K x D unit vectors
     * @param temperature τ > 0
     */
    public static InfoNceResult compute(INDArray q, INDArray k, INDArray negatives, double temperature) {
        if (q.rank() != 2 || !java.util.Arrays.equals(q.shape(), k.shape())) {
            throw new IllegalArgumentException("q and k must both be N x D; got " + java.util.Arrays.toString(q.shape())
                    + " and " + java.util.Arrays.toString(k.shape()));
        }
        if (negatives.rank() != 2 || negatives.size(1) != q.size(1)) {
            throw new IllegalArgumentException("negatives must be K x " + q.size(1) + "; got "
                    + java.util.Arrays.toString(negatives.shape()));
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        long n = q.size(0);
        INDArray qNorm = Transforms.max(q.norm2(1).reshape(n, 1), NORM_EPS, false);
        INDArray qHat = q.div(qNorm);
        INDArray kHat = k.div(Transforms.max(k.norm2(1).reshape(n, 1), NORM_EPS, false));

        INDArray pos = qHat.mul(kHat).sum(true, 1);                // N x 1
        INDArray neg = qHat.mmul(negatives.transpose());             // N x K
        INDArray logits = Nd4j.concat(1, pos, neg).divi(temperature);

        // Stable softmax: subtract the row max before exp.
        INDArray rowMax = logits.max(true, 1);
        INDArray exp = Transforms.exp(logits.sub(rowMax), false);
        INDArray sumExp = exp.sum(true, 1);
        INDArray logZ = Transforms.log(sumExp, true).addi(rowMax);
        double loss = logZ.sub(logits.get(NDArrayIndex.all(), NDArrayIndex.point(0)).reshape(n, 1))
                .meanNumber().doubleValue();
        // Correct when the positive wins: the positive logit equals the row max.
        double accuracy = logits.get(NDArrayIndex.all(), NDArrayIndex.point(0)).reshape(n, 1)
                .sub(rowMax).gte(0.0).castTo(q.dataType()).meanNumber().doubleValue();

        INDArray dLogits = exp.diviColumnVector(sumExp);           // softmax
        dLogits.get(NDArrayIndex.all(), NDArrayIndex.point(0)).subi(1.0);
        dLogits.divi(n * temperature);                               // mean over batch, and ∂logit/∂(q̂·x) = 1/τ

        INDArray dPos = dLogits.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1));
        INDArray dNeg = dLogits.get(NDArrayIndex.all(), NDArrayIndex.interval(1, dLogits.size(1)));
        INDArray dQHat = kHat.mulColumnVector(dPos).addi(dNeg.mmul(negatives));

        // Jacobian of q̂ = q/‖q‖:  dq = (dq̂ − q̂ (q̂·dq̂)) / ‖q‖
        INDArray radial = qHat.mul(dQHat).sum(true, 1);
        INDArray dq = dQHat.subi(qHat.mulColumnVector(radial)).diviColumnVector(qNorm);
        return new InfoNceResult(loss, dq, accuracy);
    }

    /** L2-normalises rows (for queue entries). */
    public static INDArray normalizeRows(INDArray x) {
        return x.div(Transforms.max(x.norm2(1).reshape(x.size(0), 1), NORM_EPS, false));
    }
}
