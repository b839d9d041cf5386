package io.vireo.eval.probe;

/** Top-k accuracy from per-class scores. */
public final class TopK {

    private TopK() {
    }

    /**
     * Rank of the true class among the scores (0 = best). Ties are broken by class index, as a
     * stable sort would, so a constant score vector does not count as correct for every class.
     */
    public static int rank(double[] scores, int truth) {
        int rank = 0;
        double s = scores[truth];
        for (int c = 0; c < scores.length; c++) {
            if (scores[c] > s || (scores[c] == s && c < truth)) {
                rank++;
            }
        }
        return rank;
    }

    /** Share of rows whose true class ranks within the top {@code k}. */
    public static double accuracy(double[][] scores, int[] labels, int k) {
        if (labels.length == 0) {
            return Double.NaN;
        }
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            hits += rank(scores[i], labels[i]) < k ? 1 : 0;
        }
        return hits / (double) labels.length;
    }
}
