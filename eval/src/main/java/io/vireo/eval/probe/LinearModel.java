package io.vireo.eval.probe;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.eval.features.FeatureMatrix;

/**
 * A trained linear classifier on standardised features: scores = standardise(x)·W + b.
 *
 * @param weights D×C, row-major
 * @param bias    C
 */
public record LinearModel(Standardizer standardizer, int dim, int outputs, double[] weights, double[] bias) {

    public LinearModel {
        if (weights.length != dim * outputs || bias.length != outputs) {
            throw new IllegalArgumentException("linear model " + dim + "×" + outputs + " got " + weights.length
                    + " weights and " + bias.length + " biases");
        }
    }

    /** N×C scores (logits) of {@code x}. */
    public double[][] scores(FeatureMatrix x) {
        if (x.cols() != dim) {
            throw new IllegalArgumentException("model trained on " + dim + "-d features, got " + x.cols() + "-d");
        }
        INDArray z = standardizer.apply(x).toNd4j(DataType.DOUBLE);
        INDArray w = Nd4j.create(weights, new long[] {dim, outputs}, 'c');
        INDArray b = Nd4j.create(bias, new long[] {1, outputs}, 'c');
        return z.mmul(w).addiRowVector(b).toDoubleMatrix();
    }
}
