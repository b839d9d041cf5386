package io.vireo.training.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch-hard triplet loss (Hermans et al. 2017) for Exemplar: each image contributes several heavily
 * augmented views that share a group id. For every anchor, the farthest view of the same image is
 * the positive and the closest view of another image the negative:
 * loss = mean_i max(0, d(i, p_i) − d(i, n_i) + margin), with d the Euclidean distance between
 * L2-normalised embeddings (normalised so the margin has a fixed meaning; d ∈ [0, 2]).
 *
 * <p>Pure function; the gradient is with respect to the un-normalised embeddings. The hardest
 * positive/negative are selected, then treated as fixed (the standard sub-gradient).
 */
public final class TripletLoss {
    /** Inside the square root, so the gradient at d = 0 (identical views) stays finite. */
    static final double DIST_EPS = 1e-12;

    private TripletLoss() {
    }

    public static Result batchHard(INDArray embeddings, int[] groups, double margin) {
        UnitRows.requireMatrix("embeddings", embeddings, -1);
        int n = (int) embeddings.size(0);
        if (groups.length != n) {
            throw new IllegalArgumentException("groups: " + groups.length + " ids for " + n + " embeddings");
        }
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("exemplar.margin: must be a finite number >= 0, got " + margin);
        }
        UnitRows u = UnitRows.of(embeddings);
        double[][] sim = u.hat().mmul(u.hat().transpose()).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        double[][] dSim = new double[n][n];
        double total = 0;
        int active = 0;
        for (int i = 0; i < n; i++) {
            int pos = -1, neg = -1;
            double dPos = -1, dNeg = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double d = distance(sim[i][j]);
                if (groups[j] == groups[i] && d > dPos) {
                    dPos = d;
                    pos = j;
                } else if (groups[j] != groups[i] && d < dNeg) {
                    dNeg = d;
                    neg = j;
                }
            }
            if (pos < 0 || neg < 0) {
                throw new IllegalArgumentException("groups: anchor " + i + " (group " + groups[i]
                        + ") needs at least one other view of its image and one view of another image");
            }
            double v = dPos - dNeg + margin;
            if (v > 0) {
                total += v;
                active++;
                // d = sqrt(2 − 2s + ε)  ⇒  ∂d/∂s = −1/d
                dSim[i][pos] += -1.0 / dPos / n;
                dSim[i][neg] += 1.0 / dNeg / n;
            }
        }
        // s_ij = x̂_i·x̂_j feeds both rows: dx̂ = (G + Gᵀ) x̂.
        INDArray g = Nd4j.create(dSim).castTo(embeddings.dataType());
        INDArray dHat = g.add(g.transpose()).mmul(u.hat());
        return new Result(total / n, u.backward(dHat), active / (double) n);
    }

    static double distance(double cosine) {
        return Math.sqrt(Math.max(0, 2 - 2 * cosine) + DIST_EPS);
    }

    /** @param activeFraction anchors whose triplet still violates the margin */
    public record Result(double loss, INDArray gradEmbeddings, double activeFraction) {
    }
}
