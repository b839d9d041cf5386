package io.vireo.eval.probe;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.eval.features.FeatureMatrix;

/**
 * Weighted cosine k-nearest-neighbour classifier on frozen features: the k most cosine-similar
 * training rows each add exp(cos/T) to their class; classes are ranked by the summed votes.
 * Unlike training's quick health check ({@code io.vireo.training.probe.KnnProbe}) it reports
 * top-5 and works on test sets of any size (similarities in row blocks, never the full matrix).
 */
public final class KnnProbe {

    private KnnProbe() {
    }

    public static ProbeResult evaluate(LabeledFeatures train, LabeledFeatures test, KnnConfig config) {
        train.requireCompatible(test);
        double[][] votes = votes(train, test.features(), config);
        int k5 = Math.min(5, test.classes());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("k", Math.min(config.k(), train.size()));
        settings.put("temperature", config.temperature());
        settings.put("similarity", "cosine");
        settings.put("trainSize", train.size());
        settings.put("top5k", k5);
        return new ProbeResult("knn", TopK.accuracy(votes, test.labels(), 1), TopK.accuracy(votes, test.labels(), k5),
                test.size(), settings);
    }

    /** Per test row, the summed class votes (N_test × classes). */
    public static double[][] votes(LabeledFeatures train, FeatureMatrix test, KnnConfig config) {
        int k = Math.min(config.k(), train.size());
        INDArray bank = unitRows(train.features()).transpose();
        double[][] votes = new double[test.rows()][train.classes()];
        for (int from = 0; from < test.rows(); from += config.chunkRows()) {
            int to = Math.min(test.rows(), from + config.chunkRows());
            int[] rows = new int[to - from];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = from + i;
            }
            double[][] sims = unitRows(test.rows(rows)).mmul(bank).toDoubleMatrix();
            for (int i = 0; i < sims.length; i++) {
                double[] row = sims[i];
                for (int j : nearest(row, k)) {
                    votes[from + i][train.labels()[j]] += Math.exp(row[j] / config.temperature());
                }
            }
        }
        return votes;
    }

    private static INDArray unitRows(FeatureMatrix x) {
        INDArray m = x.toNd4j(DataType.DOUBLE);
        // An all-zero row has no direction; give it norm 1 so it is similar to nothing rather than NaN.
        INDArray norms = m.norm2(1).reshape(m.rows(), 1);
        norms.replaceWhere(org.nd4j.linalg.factory.Nd4j.onesLike(norms),
                new org.nd4j.linalg.indexing.conditions.EqualsCondition(0));
        return m.diviColumnVector(norms);
    }

    /** Indices of the k largest values, by partial insertion (k is small next to the bank). Ties: lower index first. */
    static int[] nearest(double[] row, int k) {
        int[] idx = new int[k];
        double[] val = new double[k];
        java.util.Arrays.fill(val, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(idx, -1);
        for (int j = 0; j < row.length; j++) {
            if (row[j] > val[k - 1] || idx[k - 1] < 0) {
                int p = k - 1;
                while (p > 0 && (val[p - 1] < row[j] || idx[p - 1] < 0)) {
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
