package io.vireo.training.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;
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
    private static final String WORKSPACE_ID = "vireo-infonce";
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.STRICT).policyLearning(LearningPolicy.FIRST_LOOP)
            .policyMirroring(MirroringPolicy.FULL).policySpill(SpillPolicy.REALLOCATE).build();

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
        // The N x K temporaries (16 MB each at K = 65,536, batch 64) come from a workspace reused call after call:
        // fresh arrays cost their page faults every step, a fifth of this function's time.
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
            long n = q.size(0);
            INDArray qNorm = Transforms.max(q.norm2(1).reshape(n, 1), NORM_EPS, false);
            INDArray qHat = q.div(qNorm);
            INDArray kHat = k.div(Transforms.max(k.norm2(1).reshape(n, 1), NORM_EPS, false));

            // The positive column and the N x K negatives are kept apart: one concatenated N x (K+1) matrix
            // costs a copy of it, and its column views are strided, which made ND4J copy again in the
            // backward product (together a third of this function's time at K = 65,536).
            INDArray pos = qHat.mul(kHat).sum(true, 1).divi(temperature);                  // N x 1
            INDArray neg = Nd4j.createUninitialized(q.dataType(), n, negatives.size(0));    // N x K
            // libnd4j's matmul op (oneDNN, on the OpenMP threads), not Nd4j.gemm: the trainer keeps OpenBLAS on one thread.
            Nd4j.exec(new Mmul(qHat, negatives, neg, 1 / temperature, 0, MMulTranspose.builder().transposeB(true).build()));

            // Stable softmax: subtract the row max before exp.
            INDArray rowMax = Transforms.max(neg.max(true, 1), pos, false);
            INDArray expNeg = Transforms.exp(neg.subiColumnVector(rowMax), false);
            INDArray expPos = Transforms.exp(pos.sub(rowMax), false);
            INDArray sumExp = expNeg.sum(true, 1).addi(expPos);
            INDArray logZ = Transforms.log(sumExp, true).addi(rowMax);
            double loss = logZ.sub(pos).meanNumber().doubleValue();
            // Correct when the positive wins: the positive logit equals the row max.
            double accuracy = pos.sub(rowMax).gte(0.0).castTo(q.dataType()).meanNumber().doubleValue();

            // d loss / d logit = (softmax − onehot) / N, and ∂logit/∂(q̂·x) = 1/τ.
            INDArray scale = sumExp.rdiv(1.0 / (n * temperature));                          // N x 1
            INDArray dNeg = expNeg.muliColumnVector(scale);
            INDArray dPos = expPos.muli(scale).subi(1.0 / (n * temperature));
            INDArray dQHat = kHat.mulColumnVector(dPos);
            Nd4j.exec(new Mmul(dNeg, negatives, dQHat, 1, 1, MMulTranspose.builder().build()));

            // Jacobian of q̂ = q/‖q‖:  dq = (dq̂ − q̂ (q̂·dq̂)) / ‖q‖
            INDArray radial = qHat.mul(dQHat).sum(true, 1);
            INDArray dq = dQHat.subi(qHat.mulColumnVector(radial)).diviColumnVector(qNorm);
            return new InfoNceResult(loss, dq.detach(), accuracy);
        }
    }

    /** L2-normalises rows (for queue entries). */
    public static INDArray normalizeRows(INDArray x) {
        return x.div(Transforms.max(x.norm2(1).reshape(x.size(0), 1), NORM_EPS, false));
    }
}
