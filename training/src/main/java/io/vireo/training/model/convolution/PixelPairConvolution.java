package io.vireo.training.model.convolution;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The backprop of a convolution on maps so small that every output pixel sees every input pixel (a 3×3
 * kernel with padding 1 on 2×2 maps: ResNet-18's last stage at 64 px) as two matrix products. With the
 * weights unfolded over the pixel pairs, U[o·P + p, c·Q + q] = W[o, c, tap(p, q)] (P output pixels, Q input
 * pixels), the convolution is X·Uᵀ, its input gradient dY·U and its weight gradient dYᵀ·X summed over the
 * pairs that share a tap. Every entry of U is a real weight, so the products do exactly the convolution's
 * multiply-adds, in shapes large enough to run near the machine's peak; oneDNN's kernels, in these shapes,
 * reach about half of it in the forward and a third in the backward. The forward is left to oneDNN: there,
 * unfolding the weights costs what the product saves. Float only: unfolding and folding are Java loops over
 * native memory.
 *
 * <p>The products go through libnd4j's matmul op (oneDNN), which runs on the OpenMP threads the
 * convolutions use; ND4J's {@code mmul} would go to OpenBLAS, which the trainer keeps on one thread.
 */
final class PixelPairConvolution {
    private static final MMulTranspose PLAIN = MMulTranspose.builder().build();
    private static final MMulTranspose FIRST_TRANSPOSED = MMulTranspose.builder().transposeA(true).build();

    private final int channels;
    private final int inPixels;
    private final int outChannels;
    private final int outPixels;
    private final int taps;
    /** tapOfPair[p·Q + q]: the kernel tap (ky·kW + kx) linking output pixel p to input pixel q. */
    private final int[] tapOfPair;
    /** pairOffsetsOfTap[t]: p·C·Q + q for each pair (p, q) that tap t links, the offsets of its terms in G's rows. */
    private final int[][] pairOffsetsOfTap;

    private PixelPairConvolution(int channels, int inPixels, int outChannels, int outPixels, int taps, int[] tapOfPair) {
        this.channels = channels;
        this.inPixels = inPixels;
        this.outChannels = outChannels;
        this.outPixels = outPixels;
        this.taps = taps;
        this.tapOfPair = tapOfPair;
        this.pairOffsetsOfTap = new int[taps][];
        for (int t = 0; t < taps; t++) {
            int tap = t;
            pairOffsetsOfTap[t] = IntStream.range(0, tapOfPair.length).filter(pair -> tapOfPair[pair] == tap)
                    .map(pair -> pair / inPixels * channels * inPixels + pair % inPixels).toArray();
        }
    }

    /**
     * The unfolded form of this convolution, or null if some output pixel does not see some input pixel
     * (the unfolded weights would hold zeros, work the convolution does not do).
     *
     * @param in      input [N, C, H, W]
     * @param kernel  kH, kW
     * @param pad     top and left padding
     * @param outSize output H, W
     */
    static PixelPairConvolution ifDense(long[] in, int outChannels, int[] kernel, int[] stride, int[] pad,
            int[] dilation, int[] outSize) {
        int h = (int) in[2];
        int w = (int) in[3];
        // Necessary, and checked first: the pair table below has (output pixels × input pixels) entries, 629 M for
        // a 224 px stem.
        if (h > (kernel[0] - 1) * dilation[0] + 1 || w > (kernel[1] - 1) * dilation[1] + 1) {
            return null;
        }
        int outH = outSize[0];
        int outW = outSize[1];
        int[] tapOfPair = new int[outH * outW * h * w];
        for (int oy = 0; oy < outH; oy++) {
            for (int ox = 0; ox < outW; ox++) {
                for (int iy = 0; iy < h; iy++) {
                    for (int ix = 0; ix < w; ix++) {
                        int ky = tap(iy, oy, stride[0], pad[0], dilation[0], kernel[0]);
                        int kx = tap(ix, ox, stride[1], pad[1], dilation[1], kernel[1]);
                        if (ky < 0 || kx < 0) {
                            return null;
                        }
                        tapOfPair[((oy * outW + ox) * h + iy) * w + ix] = ky * kernel[1] + kx;
                    }
                }
            }
        }
        return new PixelPairConvolution((int) in[1], h * w, outChannels, outH * outW, kernel[0] * kernel[1], tapOfPair);
    }

    /** The kernel index that puts input position {@code i} under output position {@code o}, or −1. */
    private static int tap(int i, int o, int stride, int pad, int dilation, int kernel) {
        int offset = i - o * stride + pad;
        if (offset < 0 || offset % dilation != 0 || offset / dilation >= kernel) {
            return -1;
        }
        return offset / dilation;
    }

    static boolean supports(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a);
    }

    /** [O·P, C·Q]. */
    long[] unfoldedShape() {
        return new long[] {(long) outChannels * outPixels, (long) channels * inPixels};
    }

    /**
     * U[o·P + p, c·Q + q] = W[o, c, tap(p, q)]: per output channel, its weights are read into a Java array in
     * one bulk copy, and each row of U is gathered in a Java array and written in one bulk copy (element-wise
     * access to native memory, or ND4J's strided assigns, take three to four times longer).
     */
    void unfold(INDArray weights, INDArray unfolded) {
        FloatBuffer w = floats(weights);
        FloatBuffer u = floats(unfolded);
        int row = channels * inPixels;
        int perChannel = channels * taps;
        forOutputChannels((from, to) -> {
            float[] wo = new float[perChannel];
            float[] ur = new float[row];
            for (int o = from; o < to; o++) {
                w.get(o * perChannel, wo);
                for (int p = 0; p < outPixels; p++) {
                    int pairBase = p * inPixels;
                    for (int c = 0; c < channels; c++) {
                        int wBase = c * taps;
                        int uAt = c * inPixels;
                        for (int q = 0; q < inPixels; q++) {
                            ur[uAt + q] = wo[wBase + tapOfPair[pairBase + q]];
                        }
                    }
                    u.put((o * outPixels + p) * row, ur);
                }
            }
        });
    }

    /**
     * The input gradient dY·U into {@code inputGradient} and the weight gradient into {@code weightGradient}
     * [O, C, kH, kW]: dYᵀ·X into {@code scratch} (shaped like the unfolded weights), then summed per tap.
     */
    void backward(INDArray x, INDArray outputGradient, INDArray unfolded, INDArray inputGradient,
            INDArray scratch, INDArray weightGradient) {
        INDArray dy = images(outputGradient, outChannels * outPixels);
        Nd4j.exec(new Mmul(dy, unfolded, images(inputGradient, channels * inPixels), PLAIN));
        Nd4j.exec(new Mmul(dy, images(x, channels * inPixels), scratch, FIRST_TRANSPOSED));
        fold(scratch, weightGradient);
    }

    /**
     * dW[o, c, t] = Σ over the pairs (p, q) with tap t of G[o·P + p, c·Q + q]; a tap no pair uses gets 0. Per
     * output channel its P rows of G are read in one bulk copy and each dW entry is gathered from them (adding
     * into dW pair by pair chains every add through memory, four times slower).
     */
    private void fold(INDArray unfoldedGradient, INDArray weightGradient) {
        FloatBuffer g = floats(unfoldedGradient);
        FloatBuffer dw = floats(weightGradient);
        int row = channels * inPixels;
        int perChannel = channels * taps;
        forOutputChannels((from, to) -> {
            float[] dwo = new float[perChannel];
            float[] rows = new float[outPixels * row];
            for (int o = from; o < to; o++) {
                g.get(o * outPixels * row, rows);
                for (int c = 0; c < channels; c++) {
                    int at = c * inPixels;
                    for (int t = 0; t < taps; t++) {
                        float sum = 0;
                        for (int offset : pairOffsetsOfTap[t]) {
                            sum += rows[offset + at];
                        }
                        dwo[c * taps + t] = sum;
                    }
                }
                dw.put(o * perChannel, dwo);
            }
        });
    }

    /** Output channels split over the machine's two cores (the ForkJoin common pool plus the caller). */
    private void forOutputChannels(ChannelRange body) {
        int parts = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        IntStream.range(0, parts).parallel().forEach(k -> body.run(outChannels * k / parts, outChannels * (k + 1) / parts));
    }

    @FunctionalInterface
    private interface ChannelRange {
        void run(int from, int to);
    }

    /** [N, …] as [N, features]: a view, the arrays being row-major and contiguous. */
    private static INDArray images(INDArray a, int features) {
        return a.reshape('c', a.size(0), features);
    }

    private static FloatBuffer floats(INDArray a) {
        FloatBuffer b = a.data().asNioFloat();
        b.position((int) a.offset());
        return b.slice();
    }
}
