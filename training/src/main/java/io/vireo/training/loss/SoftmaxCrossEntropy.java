package io.vireo.training.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax cross-entropy for the classification pretext tasks (rotation, relative patch location,
 * jigsaw) and the supervised baseline: loss = mean_i −log softmax(z_i)[y_i]. Pure function; the
 * gradient is with respect to the logits.
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    public static Result compute(INDArray logits, int[] labels) {
        UnitRows.requireMatrix("logits", logits, -1);
        long n = logits.size(0);
        long c = logits.size(1);
        if (labels.length != n) {
            throw new IllegalArgumentException("labels: " + labels.length + " labels for " + n + " rows of logits");
        }
        INDArray oneHot = Nd4j.zeros(logits.dataType(), n, c);
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= c) {
                throw new IllegalArgumentException("labels: label " + labels[i] + " at row " + i + " outside [0, " + c + ")");
            }
            oneHot.putScalar(i, labels[i], 1.0);
        }
        INDArray logP = UnitRows.logSoftmax(logits);
        double loss = -logP.mul(oneHot).sumNumber().doubleValue() / n;
        INDArray grad = Transforms.exp(logP, true).subi(oneHot).divi(n);
        INDArray predicted = logits.argMax(1);
        long correct = 0;
        for (int i = 0; i < n; i++) {
            if (predicted.getLong(i) == labels[i]) {
                correct++;
            }
        }
        return new Result(loss, grad, correct / (double) n);
    }

    /** @param gradLogits dLoss/dLogits; @param accuracy fraction of rows whose argmax is the label */
    public record Result(double loss, INDArray gradLogits, double accuracy) {
    }
}
