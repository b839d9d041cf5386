package io.vireo.training.probe;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.loss.InfoNce;

/**
 * Weighted cosine kNN classifier on frozen features (InstDisc/DINO style): each of the k nearest
 * training features votes for its class with weight exp(cos/T). A quick health probe during
 * training; the full probe suite lives in eval/.
 */
public final class KnnProbe {
    private KnnProbe() {
    }

    /** Top-1 accuracy of classifying {@code test} by its k nearest {@code train} neighbours. */
    public static double accuracy(INDArray train, int[] trainLabels, INDArray test, int[] testLabels, int k,
                                  double temperature, int classes) {
        if (train.size(0) != trainLabels.length || test.size(0) != testLabels.length) {
            throw new IllegalArgumentException("features and labels differ in count");
        }
        int kk = Math.min(k, trainLabels.length);
        double[][] sims = InfoNce.normalizeRows(test.castTo(DataType.DOUBLE))
                .mmul(InfoNce.normalizeRows(train.castTo(DataType.DOUBLE)).transpose()).toDoubleMatrix();
        int correct = 0;
        for (int i = 0; i < sims.length; i++) {
            double[] row = sims[i];
            int[] top = topK(row, kk);
            double[] votes = new double[classes];
            for (int j : top) {
                votes[trainLabels[j]] += Math.exp(row[j] / temperature);
            }
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            if (best == testLabels[i]) {
                correct++;
            }
        }
        return (double) correct / testLabels.length;
    }

    private static int[] topK(double[] row, int k) {
        // k is small (20): partial selection beats sorting the whole row.
        int[] idx = new int[k];
        double[] val = new double[k];
        java.util.Arrays.fill(val, Double.NEGATIVE_INFINITY);
        for (int j = 0; j < row.length; j++) {
            if (row[j] > val[k - 1]) {
                int p = k - 1;
                while (p > 0 && val[p - 1] < row[j]) {
                    val[p] = val[p - 1];
                    idx[p] = idx[p - 1];
                    p--;
                }
                val[p] = row[j];
                idx[p] = j;
            }
        }
        return idx;
    }
}
