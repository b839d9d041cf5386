package io.vireo.eval.probe;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.vireo.eval.features.FeatureMatrix;

/**
 * Features with one class label per row, labels in 0..classes-1.
 *
 * @param origin names where the features came from (a file, a split), for error messages
 */
public record LabeledFeatures(FeatureMatrix features, int[] labels, int classes, String origin) {

    public LabeledFeatures {
        if (labels.length != features.rows()) {
            throw new IllegalArgumentException(origin + ": " + features.rows() + " feature rows but " + labels.length + " labels");
        }
        if (classes < 2) {
            throw new IllegalArgumentException(origin + ": a probe needs >= 2 classes, got " + classes);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(origin + ": row " + i + " has label " + labels[i] + ", outside 0.."
                        + (classes - 1));
            }
        }
    }

    public int size() {
        return labels.length;
    }

    public int dim() {
        return features.cols();
    }

    public LabeledFeatures subset(int[] rows, String name) {
        int[] l = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            l[i] = labels[rows[i]];
        }
        return new LabeledFeatures(features.rows(rows), l, classes, name);
    }

    /** Fails naming both origins unless {@code other} has the same feature size and class count. */
    public void requireCompatible(LabeledFeatures other) {
        if (other.dim() != dim()) {
            throw new IllegalArgumentException("feature size mismatch: " + origin + " has " + dim() + "-d features, "
                    + other.origin + " has " + other.dim());
        }
        if (other.classes != classes) {
            throw new IllegalArgumentException("class count mismatch: " + origin + " has " + classes + ", "
                    + other.origin + " has " + other.classes);
        }
    }

    /**
     * A seeded random split into (train, validation) with {@code fraction} of each class in
     * validation (at least one per class that has two or more rows), so small classes are not lost.
     */
    public LabeledFeatures[] split(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + fraction);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] perClass = new int[classes];
        for (int l : labels) {
            perClass[l]++;
        }
        int[] wanted = new int[classes];
        for (int c = 0; c < classes; c++) {
            wanted[c] = perClass[c] < 2 ? 0 : Math.max(1, (int) Math.round(perClass[c] * fraction));
        }
        int[] train = new int[size()];
        int[] validation = new int[size()];
        int nt = 0;
        int nv = 0;
        for (int i : order) {
            if (wanted[labels[i]] > 0) {
                wanted[labels[i]]--;
                validation[nv++] = i;
            } else {
                train[nt++] = i;
            }
        }
        int[] t = Arrays.copyOf(train, nt);
        int[] v = Arrays.copyOf(validation, nv);
        Arrays.sort(t);
        Arrays.sort(v);
        return new LabeledFeatures[] {subset(t, origin + " (train part)"), subset(v, origin + " (validation part)")};
    }
}
