package io.vireo.training.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MlpHeadTest {
    static final int N = 5, IN = 6, HIDDEN = 4, OUT = 3;

    /** Forward and dL/dx against a float64 loop reference that reads the weights from the head's state. */
    @Test
    void forwardAndInputGradientMatchAFloat64Reference() {
        MlpHead head = new MlpHead(IN, HIDDEN, OUT, 11, 0.9, 0);
        double[][] x = random(N, IN, 1), dy = random(N, OUT, 2);
        double[] s = head.state().castTo(DataType.DOUBLE).toDoubleVector();
        // state: w1 (IN x HIDDEN), b1, their velocities, then w2 (HIDDEN x OUT), b2, velocities
        int w1 = 0, b1 = IN * HIDDEN, w2 = 2 * (IN + 1) * HIDDEN, b2 = w2 + HIDDEN * OUT;
        INDArray out = head.forward(matrix(x));
        INDArray dx = head.backward(matrix(x), matrix(dy));
        for (int i = 0; i < N; i++) {
            double[] pre = new double[HIDDEN];
            for (int h = 0; h < HIDDEN; h++) {
                pre[h] = s[b1 + h];
                for (int k = 0; k < IN; k++) {
                    pre[h] += x[i][k] * s[w1 + k * HIDDEN + h];
                }
            }
            double[] dh = new double[HIDDEN];
            for (int o = 0; o < OUT; o++) {
                double y = s[b2 + o];
                for (int h = 0; h < HIDDEN; h++) {
                    y += Math.max(0, pre[h]) * s[w2 + h * OUT + o];
                    dh[h] += dy[i][o] * s[w2 + h * OUT + o];
                }
                assertThat(out.getDouble(i, o)).isCloseTo(y, within(1e-5));
            }
            for (int k = 0; k < IN; k++) {
                double g = 0;
                for (int h = 0; h < HIDDEN; h++) {
                    g += pre[h] > 0 ? dh[h] * s[w1 + k * HIDDEN + h] : 0;
                }
                assertThat(dx.getDouble(i, k)).isCloseTo(g, within(1e-5));
            }
        }
    }

    @Test
    void aStepLowersALinearLossAndTheStateRoundTrips() {
        MlpHead head = new MlpHead(IN, HIDDEN, OUT, 11, 0, 0);
        INDArray x = matrix(random(N, IN, 3)), dy = matrix(random(N, OUT, 4));
        double before = head.forward(x).mul(dy).sumNumber().doubleValue();
        head.backward(x, dy);
        head.update(1e-3);
        assertThat(head.forward(x).mul(dy).sumNumber().doubleValue()).isLessThan(before);

        MlpHead copy = new MlpHead(IN, HIDDEN, OUT, 99, 0, 0);
        copy.restore(head.state());
        assertThat(copy.forward(x).sub(head.forward(x)).amaxNumber().doubleValue()).isZero();
    }

    static double[][] random(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextDouble(-1, 1);
            }
        }
        return m;
    }

    static INDArray matrix(double[][] m) {
        return Nd4j.create(m).castTo(DataType.FLOAT);
    }
}
