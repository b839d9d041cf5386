package io.vireo.training.model.batchnorm;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Training-mode batch normalisation over N, H, W of NCHW activations, written as few whole-array
 * ND4J passes as libnd4j allows. DL4J M2.1's oneDNN helper spends a slow Welford variance pass in the
 * forward and, in the backward, runs libnd4j's oneDNN {@code batchnorm_bp}, which follows oneDNN's
 * global-statistics backward with about ten more ND4J passes to add the batch-statistics terms.
 *
 * <ul>
 * <li>forward: Σx and Σx² (two plain reductions), then one oneDNN {@code batchnorm} pass with those
 * statistics;
 * <li>backward: Σg and Σg·x (two reductions), then dx = s·g + a·x + b per channel as two oneDNN
 * {@code batchnorm} passes used as per-channel affine maps, and one add.
 * </ul>
 */
final class BatchNormMath {
    static final int[] NCHW_REDUCE = {0, 2, 3};

    private BatchNormMath() {
    }

    /** Per-channel batch mean and biased variance (what DL4J's helper feeds its running statistics). */
    record Stats(INDArray mean, INDArray var) {
    }

    /**
     * Mean and biased variance over N, H, W, as arrays outside any workspace (they live from the forward
     * to the backward). Variance as E[x²] − E[x]²: one cheap reduction instead of a Welford pass; it
     * loses digits only when |mean| ≫ std, which conv outputs do not reach (clamped at 0 all the same).
     */
    static Stats batchStats(INDArray x) {
        long count = x.length() / x.size(1);
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            INDArray mean = x.mean(NCHW_REDUCE);
            INDArray sq = Nd4j.exec(new SquaredNorm(x, false, NCHW_REDUCE));
            INDArray var = sq.divi(count).subi(mean.mul(mean));
            Transforms.max(var, 0.0, false);
            return new Stats(mean, var);
        }
    }

    /** out = γ·(x − mean)/√(var + ε) + β per channel: one oneDNN pass. */
    static void normalize(INDArray x, INDArray mean, INDArray var, INDArray gamma, INDArray beta, double eps,
            INDArray out) {
        DynamicCustomOp op = DynamicCustomOp.builder("batchnorm").addInputs(x, mean, var, gamma, beta)
                .addIntegerArguments(1, 1, 1).addFloatingPointArguments(eps).addOutputs(out).build();
        Nd4j.exec(op);
    }

    /** scale·x + shift per channel, through the same oneDNN kernel (mean 0, var + ε = 1). */
    private static void channelAffine(INDArray x, INDArray scale, INDArray shift, double eps, INDArray out) {
        INDArray zero = Nd4j.zeros(scale.dataType(), scale.length());
        INDArray unitVar = Nd4j.ones(scale.dataType(), scale.length()).subi(eps);
        normalize(x, zero, unitVar, scale, shift, eps, out);
    }

    /**
     * Gradients of y = γ·x̂ + β with batch statistics (x̂ = (x − μ)·σ⁻¹, σ⁻¹ = 1/√(var + ε), N elements
     * per channel):
     * dβ = Σg; dγ = Σg·x̂ = σ⁻¹(Σg·x − μΣg); dx = γσ⁻¹(g − dβ/N − x̂·dγ/N), which per channel is
     * s·g + a·x + b with s = γσ⁻¹, a = −sσ⁻¹dγ/N, b = −s·dβ/N − a·μ.
     *
     * @param scratch an array shaped like x, overwritten
     */
    static void backward(INDArray x, INDArray g, Stats stats, INDArray gamma, double eps, INDArray dx,
            INDArray dGamma, INDArray dBeta, INDArray scratch) {
        double count = x.length() / x.size(1);
        INDArray invStd = Transforms.pow(stats.var().add(eps), -0.5, false);
        INDArray sumG = g.sum(NCHW_REDUCE);
        INDArray sumGx = Nd4j.exec(new Dot(g, x, NCHW_REDUCE));
        INDArray dG = sumGx.subi(stats.mean().mul(sumG)).muli(invStd);
        INDArray s = gamma.mul(invStd);
        INDArray a = s.mul(invStd).muli(dG).divi(-count);
        INDArray b = s.mul(sumG).divi(-count).subi(a.mul(stats.mean()));
        channelAffine(x, a, b, eps, dx);
        channelAffine(g, s, Nd4j.zeros(s.dataType(), s.length()), eps, scratch);
        dx.addi(scratch);
        dGamma.assign(dG.reshape(dGamma.shape()));
        dBeta.assign(sumG.reshape(dBeta.shape()));
    }
}
