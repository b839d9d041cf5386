package io.vireo.eval.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Average precision of one class from scores and binary ground truth, as Pascal VOC reports it.
 * Tied scores are one operating point (the ranking cannot order them), so the result does not
 * depend on the input order of tied items.
 */
public final class AveragePrecision {

    private AveragePrecision() {
    }

    /** Precision/recall at each distinct score threshold, from the highest score down. */
    record Curve(double[] recall, double[] precision) {
    }

    static Curve curve(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("scores (" + scores.length + ") and labels (" + positive.length
                    + ") differ in length");
        }
        int positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        if (positives == 0) {
            throw new IllegalArgumentException("AP is undefined without positive examples");
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        double[] recall = new double[scores.length];
        double[] precision = new double[scores.length];
        int points = 0;
        int truePositives = 0;
        int seen = 0;
        for (int k = 0; k < order.length; k++) {
            truePositives += positive[order[k]] ? 1 : 0;
            seen++;
            boolean lastOfTie = k + 1 == order.length || scores[order[k + 1]] != scores[order[k]];
            if (lastOfTie) {
                recall[points] = truePositives / (double) positives;
                precision[points] = truePositives / (double) seen;
                points++;
            }
        }
        return new Curve(Arrays.copyOf(recall, points), Arrays.copyOf(precision, points));
    }

    /** VOC2007's 11-point interpolated AP: mean over r in {0, 0.1, ..., 1} of the best precision at recall >= r. */
    public static double voc07ElevenPoint(double[] scores, boolean[] positive) {
        Curve curve = curve(scores, positive);
        double sum = 0;
        for (int step = 0; step <= 10; step++) {
            double threshold = step / 10.0;
            double best = 0;
            for (int i = 0; i < curve.recall().length; i++) {
                if (curve.recall()[i] >= threshold - 1e-12) {
                    best = Math.max(best, curve.precision()[i]);
                }
            }
            sum += best;
        }
        return sum / 11;
    }

    /** VOC2010+ area under the interpolated (monotone) precision-recall curve. */
    public static double allPoint(double[] scores, boolean[] positive) {
        Curve curve = curve(scores, positive);
        int n = curve.recall().length;
        double[] envelope = curve.precision().clone();
        for (int i = n - 2; i >= 0; i--) {
            envelope[i] = Math.max(envelope[i], envelope[i + 1]);
        }
        double area = 0;
        double previousRecall = 0;
        for (int i = 0; i < n; i++) {
            area += (curve.recall()[i] - previousRecall) * envelope[i];
            previousRecall = curve.recall()[i];
        }
        return area;
    }
}
