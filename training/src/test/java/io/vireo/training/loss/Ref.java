package io.vireo.training.loss;

import java.util.Random;
import java.util.function.ToDoubleFunction;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Float64 helpers for independent loss references (plain Java arrays, no ND4J arithmetic). */
final class Ref {
    private Ref() {
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] unit(double[] v) {
        double n = Math.sqrt(dot(v, v));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[i] / n;
        }
        return r;
    }

    static double cos(double[] a, double[] b) {
        return dot(unit(a), unit(b));
    }

    /** log Σ exp(x), stable. */
    static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double z = 0;
        for (double v : x) {
            z += Math.exp(v - max);
        }
        return max + Math.log(z);
    }

    static double[][] gaussian(Random r, int n, int d, double scale) {
        double[][] m = new double[n][d];
        for (double[] row : m) {
            for (int j = 0; j < d; j++) {
                row[j] = r.nextGaussian() * scale;
            }
        }
        return m;
    }

    static INDArray nd(double[][] m) {
        return Nd4j.create(m).castTo(DataType.FLOAT);
    }

    /** Central-difference gradient of {@code f} with respect to every entry of {@code x} (mutated and restored). */
    static double[][] numericGradient(double[][] x, ToDoubleFunction<double[][]> f) {
        double h = 1e-6;
        double[][] g = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                double keep = x[i][j];
                x[i][j] = keep + h;
                double up = f.applyAsDouble(x);
                x[i][j] = keep - h;
                double down = f.applyAsDouble(x);
                x[i][j] = keep;
                g[i][j] = (up - down) / (2 * h);
            }
        }
        return g;
    }

    /** max |numeric − analytic| relative to max(1, max |numeric|); also fails a trivially zero gradient. */
    static double relativeError(double[][] numeric, INDArray analytic) {
        double maxAbs = 0, maxErr = 0;
        for (int i = 0; i < numeric.length; i++) {
            for (int j = 0; j < numeric[0].length; j++) {
                maxAbs = Math.max(maxAbs, Math.abs(numeric[i][j]));
                maxErr = Math.max(maxErr, Math.abs(numeric[i][j] - analytic.getDouble(i, j)));
            }
        }
        if (maxAbs < 1e-4) {
            throw new AssertionError("reference gradient is (almost) zero: " + maxAbs + "; the test would prove nothing");
        }
        return maxErr / Math.max(1, maxAbs);
    }
}
