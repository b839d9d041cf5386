package io.vireo.training.model.batchnorm;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.factory.Nd4j;

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
     * to the backward). Variance as E[x²] − E[x]² (in double, from the two float reductions): one cheap
     * reduction instead of a Welford pass; it loses digits only when |mean| ≫ std, which conv outputs
     * do not reach (clamped at 0 all the same). The per-channel arithmetic is done in Java: each ND4J op
     * on a C-vector costs a native call, and on a busy machine a parallel region, for a few hundred flops.
     */
    static Stats batchStats(INDArray x) {
        double count = x.length() / x.size(1);
        double[] mean = x.mean(NCHW_REDUCE).toDoubleVector();
        double[] sq = Nd4j.exec(new SquaredNorm(x, false, NCHW_REDUCE)).toDoubleVector();
        double[] var = new double[mean.length];
        for (int c = 0; c < var.length; c++) {
            var[c] = Math.max(0, sq[c] / count - mean[c] * mean[c]);
        }
        return new Stats(vector(mean, x.dataType()), vector(var, x.dataType()));
    }

    /** A C-vector outside any workspace, built in Java (no cast op). */
    private static INDArray vector(double[] values, DataType type) {
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            if (type != DataType.FLOAT) {
                return Nd4j.createFromArray(values).castTo(type);
            }
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            return Nd4j.createFromArray(f);
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
    private static void channelAffine(INDArray x, double[] scale, double[] shift, double eps, INDArray out) {
        double[] unitVar = new double[scale.length];
        java.util.Arrays.fill(unitVar, 1 - eps);
        DataType t = x.dataType();
        normalize(x, vector(new double[scale.length], t), vector(unitVar, t), vector(scale, t), vector(shift, t), eps,
                out);
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
        double[] sumG = g.sum(NCHW_REDUCE).toDoubleVector();
        double[] sumGx = Nd4j.exec(new Dot(g, x, NCHW_REDUCE)).toDoubleVector();
        double[] mean = stats.mean().toDoubleVector();
        double[] var = stats.var().toDoubleVector();
        double[] gam = gamma.toDoubleVector();
        int n = sumG.length;
        double[] dG = new double[n];
        double[] s = new double[n];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int c = 0; c < n; c++) {
            double invStd = 1 / Math.sqrt(var[c] + eps);
            dG[c] = (sumGx[c] - mean[c] * sumG[c]) * invStd;
            s[c] = gam[c] * invStd;
            a[c] = -s[c] * invStd * dG[c] / count;
            b[c] = -s[c] * sumG[c] / count - a[c] * mean[c];
        }
        channelAffine(x, a, b, eps, dx);
        channelAffine(g, s, new double[n], eps, scratch);
        dx.addi(scratch);
        DataType t = x.dataType();
        dGamma.assign(vector(dG, t).reshape(dGamma.shape()));
        dBeta.assign(vector(sumG, t).reshape(dBeta.shape()));
    }
}
