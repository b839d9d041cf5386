package io.vireo.training.model.batchnorm;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training-mode batch normalisation over N, H, W of NCHW activations in as few whole-array passes as
 * possible. DL4J M2.1's oneDNN helper spends a slow Welford variance pass in the forward and, in the
 * backward, runs libnd4j's oneDNN {@code batchnorm_bp}, which follows oneDNN's global-statistics backward
 * with about ten more ND4J passes to add the batch-statistics terms.
 *
 * <p>Float activations (every encoder) go through {@link FloatRowKernels}: forward = one fused Σx, Σx² read
 * (in double) + one normalising pass; backward = one fused Σg, Σg·x read + one pass writing
 * dx = s·g + a·x + b. Other types (gradient checks in double) use ND4J ops on centred x: forward Σx, x − μ and
 * Σ(x − μ)² (per-channel sums as reductions over the contiguous last axis of an [N·C, H·W] view), then one
 * oneDNN {@code batchnorm} pass; backward x − μ, Σg, Σg·(x − μ), two affine passes and an add. Either way the
 * statistics keep their digits when |mean| ≫ std (E[x²] − E[x]² summed in float did not: after a first
 * convolution of un-centred pixels its error flipped ReLU masks downstream).
 */
final class BatchNormMath {
    /** H and W of NCHW: contiguous, so reducing over them is a row reduction. */
    private static final int[] SPATIAL = {2, 3};

    private BatchNormMath() {
    }

    /** Per-channel batch mean and biased variance (what DL4J's helper feeds its running statistics). */
    record Stats(INDArray mean, INDArray var) {
    }

    /**
     * Mean and biased variance over N, H, W as arrays outside any workspace (they live from the forward to the
     * backward). Float: Σx and Σx² in one fused read, accumulated in double; other types: two passes, the second
     * over centred x. The per-channel arithmetic is done in Java, in double: each ND4J op on a C-vector costs a
     * native call for a few hundred flops.
     *
     * @param scratch an array shaped like x, overwritten (the layer passes its output array)
     */
    static Stats batchStats(INDArray x, double eps, INDArray scratch) {
        double count = x.length() / x.size(1);
        if (FloatRowKernels.applies(x)) {
            int rows = (int) (x.size(0) * x.size(1));
            double[] sum = new double[rows];
            double[] sumSq = new double[rows];
            FloatRowKernels.sums(x, sum, sumSq);
            double[] mean = channelSums(sum, x);
            double[] var = channelSums(sumSq, x);
            for (int c = 0; c < mean.length; c++) {
                mean[c] /= count;
                // In double from double sums: E[x²] − E[x]² keeps ~1e-10 relative accuracy up to |mean| = 1000·std.
                var[c] = Math.max(0, var[c] / count - mean[c] * mean[c]);
            }
            return new Stats(vector(mean, x.dataType()), vector(var, x.dataType()));
        }
        double[] mean = channelSums(x.sum(SPATIAL), x);
        for (int c = 0; c < mean.length; c++) {
            mean[c] /= count;
        }
        centre(x, mean, eps, scratch);
        INDArray centred = rows(scratch);
        // mul + sum, not SquaredNorm: libnd4j returns no array for a reduction over a length-1 axis (H·W = 1).
        double[] var = channelSums(centred.mul(centred).sum(1), x);
        for (int c = 0; c < var.length; c++) {
            var[c] /= count;
        }
        return new Stats(vector(mean, x.dataType()), vector(var, x.dataType()));
    }

    /** x viewed as [N·C, H·W]: the per-channel sums become reductions over contiguous rows. */
    private static INDArray rows(INDArray x) {
        return x.reshape('c', x.size(0) * x.size(1), x.size(2) * x.size(3));
    }

    /** Row results [N·C] (or [N, C]) summed over N, per channel, in double. */
    private static double[] channelSums(INDArray perRow, INDArray x) {
        return channelSums(perRow.reshape(perRow.length()).toDoubleVector(), x);
    }

    private static double[] channelSums(double[] r, INDArray x) {
        return channelSums(r, (int) x.size(1), 0, (int) x.size(0));
    }

    /** Row results summed per channel over the images {@code from} to {@code to} (exclusive). */
    private static double[] channelSums(double[] r, int channels, int from, int to) {
        double[] sums = new double[channels];
        for (int i = from; i < to; i++) {
            for (int c = 0; c < channels; c++) {
                sums[c] += r[i * channels + c];
            }
        }
        return sums;
    }

    /** out = x − mean per channel, through the oneDNN affine. */
    private static void centre(INDArray x, double[] mean, double eps, INDArray out) {
        double[] one = new double[mean.length];
        double[] shift = new double[mean.length];
        for (int c = 0; c < mean.length; c++) {
            one[c] = 1;
            shift[c] = -mean[c];
        }
        channelAffine(x, one, shift, eps, out);
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

    /**
     * Training-mode normalisation of float NCHW x where each of {@code groups} consecutive slices of the batch
     * takes its own statistics (see {@link FewPassBatchNormLayer#useStatisticsGroups}): the same two passes as one
     * group, Σx and Σx² per row then one affine pass with per-row coefficients, so the group count costs nothing.
     * Forward only (no statistics kept).
     */
    static void normalizeTrainingInGroups(INDArray x, int groups, INDArray gamma, INDArray beta, double eps,
            INDArray out) {
        int n = (int) x.size(0);
        int channels = (int) x.size(1);
        int rows = n * channels;
        double[] sum = new double[rows];
        double[] sumSq = new double[rows];
        FloatRowKernels.sums(x, sum, sumSq);
        double[] gam = gamma.toDoubleVector();
        double[] bet = beta.toDoubleVector();
        int per = n / groups;
        double count = (double) per * x.size(2) * x.size(3);
        float[] scale = new float[rows];
        float[] shift = new float[rows];
        for (int g = 0; g < groups; g++) {
            double[] groupSum = channelSums(sum, channels, g * per, (g + 1) * per);
            double[] groupSumSq = channelSums(sumSq, channels, g * per, (g + 1) * per);
            for (int c = 0; c < channels; c++) {
                double mean = groupSum[c] / count;
                double var = Math.max(0, groupSumSq[c] / count - mean * mean);
                double k = gam[c] / Math.sqrt(var + eps);
                for (int i = g * per; i < (g + 1) * per; i++) {
                    scale[i * channels + c] = (float) k;
                    shift[i * channels + c] = (float) (bet[c] - mean * k);
                }
            }
        }
        FloatRowKernels.affine(x, scale, shift, out);
    }

    /** out = γ·(x − μ)/√(var + ε) + β with the batch statistics: one pass. */
    static void normalizeTraining(INDArray x, Stats stats, INDArray gamma, INDArray beta, double eps, INDArray out) {
        if (!FloatRowKernels.applies(x) || !FloatRowKernels.applies(out)) {
            normalize(x, stats.mean(), stats.var(), gamma, beta, eps, out);
            return;
        }
        double[] mean = stats.mean().toDoubleVector();
        double[] var = stats.var().toDoubleVector();
        double[] gam = gamma.toDoubleVector();
        double[] bet = beta.toDoubleVector();
        float[] scale = new float[mean.length];
        float[] shift = new float[mean.length];
        for (int c = 0; c < mean.length; c++) {
            double k = gam[c] / Math.sqrt(var[c] + eps);
            scale[c] = (float) k;
            shift[c] = (float) (bet[c] - mean[c] * k);
        }
        FloatRowKernels.affine(x, scale, shift, out);
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
     * dβ = Σg; dγ = Σg·x̂ = σ⁻¹Σg·(x − μ); dx = γσ⁻¹(g − dβ/N − x̂·dγ/N), which per channel is
     * s·g + a·(x − μ) + b with s = γσ⁻¹, a = −sσ⁻¹dγ/N, b = −s·dβ/N.
     *
     * <p>Float arrays take {@link FloatRowKernels}: Σg and Σg·x in double (Σg·(x − μ) = Σg·x − μΣg keeps its
     * digits there), dx = s·g + a·x + (b − a·μ) in one pass. Other types take the ND4J ops on centred x.
     *
     * @param scratchArray supplies an array shaped like x, overwritten (only the ND4J path asks for one)
     */
    static void backward(INDArray x, INDArray g, Stats stats, INDArray gamma, double eps, INDArray dx,
            INDArray dGamma, INDArray dBeta, java.util.function.Supplier<INDArray> scratchArray) {
        double count = x.length() / x.size(1);
        double[] mean = stats.mean().toDoubleVector();
        double[] var = stats.var().toDoubleVector();
        double[] gam = gamma.toDoubleVector();
        double[] sumG;
        Coefficients k;
        if (FloatRowKernels.applies(x) && FloatRowKernels.applies(g) && FloatRowKernels.applies(dx)) {
            int rows = (int) (x.size(0) * x.size(1));
            double[] rowG = new double[rows];
            double[] rowGx = new double[rows];
            FloatRowKernels.gradientSums(g, x, rowG, rowGx);
            sumG = channelSums(rowG, x);
            double[] sumGc = channelSums(rowGx, x);
            for (int c = 0; c < sumGc.length; c++) {
                sumGc[c] -= mean[c] * sumG[c];
            }
            k = Coefficients.of(sumG, sumGc, var, gam, eps, count);
            int n = sumG.length;
            float[] s = new float[n];
            float[] a = new float[n];
            float[] b = new float[n];
            for (int c = 0; c < n; c++) {
                s[c] = (float) k.s()[c];
                a[c] = (float) k.a()[c];
                b[c] = (float) (k.b()[c] - k.a()[c] * mean[c]);
            }
            FloatRowKernels.inputGradient(g, x, s, a, b, dx);
        } else {
            INDArray scratch = scratchArray.get();
            centre(x, mean, eps, scratch);
            sumG = channelSums(g.sum(SPATIAL), x);
            INDArray centred = rows(scratch);
            k = Coefficients.of(sumG, channelSums(rows(g).mul(centred).sum(1), x), var, gam, eps, count);
            // dx = a·(x − μ) + b, then + s·g into the scratch the centred x no longer needs.
            channelAffine(scratch, k.a(), k.b(), eps, dx);
            channelAffine(g, k.s(), new double[sumG.length], eps, scratch);
            dx.addi(scratch);
        }
        DataType t = x.dataType();
        dGamma.assign(vector(k.dGamma(), t).reshape(dGamma.shape()));
        dBeta.assign(vector(sumG, t).reshape(dBeta.shape()));
    }

    /** Per channel: dγ and the coefficients of dx = s·g + a·(x − μ) + b, from Σg and Σg·(x − μ). */
    private record Coefficients(double[] dGamma, double[] s, double[] a, double[] b) {
        static Coefficients of(double[] sumG, double[] sumGc, double[] var, double[] gamma, double eps, double count) {
            int n = sumG.length;
            Coefficients k = new Coefficients(new double[n], new double[n], new double[n], new double[n]);
            for (int c = 0; c < n; c++) {
                double invStd = 1 / Math.sqrt(var[c] + eps);
                k.dGamma[c] = sumGc[c] * invStd;
                k.s[c] = gamma[c] * invStd;
                k.a[c] = -k.s[c] * invStd * k.dGamma[c] / count;
                k.b[c] = -k.s[c] * sumG[c] / count;
            }
            return k;
        }
    }
}
