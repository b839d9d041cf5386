package io.vireo.eval.features;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An N×D matrix of float features, row-major: one row per image. Plain Java data (not an ND4J
 * array) so that files, probes and metrics can share it without a native backend; probes convert
 * to ND4J where they need matrix products. The array is owned by the matrix: callers do not
 * modify it after construction (copying 60k×2048 floats on every hand-over would cost more than
 * it protects).
 */
public record FeatureMatrix(int rows, int cols, float[] values) {

    public FeatureMatrix {
        if (rows < 0 || cols < 1) {
            throw new IllegalArgumentException("feature matrix must be N×D with N >= 0 and D >= 1, got " + rows + "×" + cols);
        }
        if (values == null || values.length != (long) rows * cols) {
            throw new IllegalArgumentException("feature matrix " + rows + "×" + cols + " needs " + (long) rows * cols
                    + " values, got " + (values == null ? "none" : values.length));
        }
    }

    /** Copies a 2-D ND4J array (any data type) into a float matrix. */
    public static FeatureMatrix of(INDArray matrix) {
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("features must be 2-D, got shape " + java.util.Arrays.toString(matrix.shape()));
        }
        return new FeatureMatrix((int) matrix.rows(), (int) matrix.columns(),
                matrix.castTo(DataType.FLOAT).dup('c').data().asFloat());
    }

    public static FeatureMatrix of(double[][] rows) {
        int d = rows.length == 0 ? 1 : rows[0].length;
        float[] v = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, row 0 has " + d);
            }
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) rows[i][j];
            }
        }
        return new FeatureMatrix(rows.length, d, v);
    }

    public float get(int row, int col) {
        return values[row * cols + col];
    }

    /** The rows at {@code indices}, in that order. */
    public FeatureMatrix rows(int[] indices) {
        float[] v = new float[indices.length * cols];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * cols, v, i * cols, cols);
        }
        return new FeatureMatrix(indices.length, cols, v);
    }

    /** This matrix stacked on top of {@code below}. */
    public FeatureMatrix concat(FeatureMatrix below) {
        if (below.cols != cols) {
            throw new IllegalArgumentException("cannot stack " + cols + "-d features on " + below.cols + "-d features");
        }
        float[] v = java.util.Arrays.copyOf(values, values.length + below.values.length);
        System.arraycopy(below.values, 0, v, values.length, below.values.length);
        return new FeatureMatrix(rows + below.rows, cols, v);
    }

    /** A fresh ND4J copy in {@code type}. */
    public INDArray toNd4j(DataType type) {
        return Nd4j.create(values, new long[] {rows, cols}, 'c').castTo(type);
    }
}
