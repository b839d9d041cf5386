package io.vireo.training.model.batchnorm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import io.vireo.training.backend.TrainingBackend;

/** The Java row kernels against ND4J's ops, on a view that starts inside its buffer and an odd row length. */
class FloatRowKernelsTest {
    private static final int N = 3;
    private static final int C = 4;

    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    /** Rows 2..4 of a larger array: the kernels must start at the view's offset, not at its buffer's start. */
    private static INDArray view(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray big = Nd4j.randn(DataType.FLOAT, N + 3, C, 5, 7);
        INDArray v = big.get(NDArrayIndex.interval(2, 2 + N), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
        assertThat(v.offset()).isPositive();
        assertThat(FloatRowKernels.applies(v)).isTrue();
        return v;
    }

    @Test
    void sumsAndGradientSumsMatchNd4j() {
        INDArray x = view(1);
        INDArray g = view(2);
        double[] sum = new double[N * C];
        double[] sumSq = new double[N * C];
        FloatRowKernels.sums(x, sum, sumSq);
        double[] sumG = new double[N * C];
        double[] sumGx = new double[N * C];
        FloatRowKernels.gradientSums(g, x, sumG, sumGx);
        double[] refSum = x.sum(2, 3).reshape(N * C).toDoubleVector();
        double[] refSq = x.mul(x).sum(2, 3).reshape(N * C).toDoubleVector();
        double[] refG = g.sum(2, 3).reshape(N * C).toDoubleVector();
        double[] refGx = g.mul(x).sum(2, 3).reshape(N * C).toDoubleVector();
        for (int r = 0; r < N * C; r++) {
            assertThat(sum[r]).as("Σx row %d", r).isCloseTo(refSum[r], within(1e-4));
            assertThat(sumSq[r]).as("Σx² row %d", r).isCloseTo(refSq[r], within(1e-4));
            assertThat(sumG[r]).as("Σg row %d", r).isCloseTo(refG[r], within(1e-4));
            assertThat(sumGx[r]).as("Σg·x row %d", r).isCloseTo(refGx[r], within(1e-4));
        }
    }

    @Test
    void affineAndInputGradientMatchNd4j() {
        INDArray x = view(3);
        INDArray g = view(4);
        float[] s = {0.5f, -1f, 2f, 0f};
        float[] a = {1f, 0.25f, -3f, 1.5f};
        float[] b = {0f, 1f, -2f, 0.5f};
        INDArray sv = Nd4j.createFromArray(s).reshape(1, C, 1, 1);
        INDArray av = Nd4j.createFromArray(a).reshape(1, C, 1, 1);
        INDArray bv = Nd4j.createFromArray(b).reshape(1, C, 1, 1);
        INDArray out = Nd4j.create(DataType.FLOAT, N, C, 5, 7);
        FloatRowKernels.affine(x, a, b, out);
        assertThat(out.sub(x.mul(av).add(bv)).amaxNumber().doubleValue()).isLessThan(1e-5);
        FloatRowKernels.inputGradient(g, x, s, a, b, out);
        assertThat(out.sub(g.mul(sv).add(x.mul(av)).add(bv)).amaxNumber().doubleValue()).isLessThan(1e-5);
    }
}
