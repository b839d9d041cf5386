package io.vireo.eval.metrics;

/**
 * Pixel confusion counts for semantic segmentation, accumulated image by image, from which mIoU
 * and pixel accuracy follow. Pixels whose true label is the ignore label do not count.
 */
public final class ConfusionMatrix {

    private final int classes;
    private final int ignoreLabel;
    private final long[] counts;

    /**
     * @param classes     labels 0..classes-1 are scored
     * @param ignoreLabel a true label that is skipped (ADE20K: 0 after shifting; VOC: 255); any value outside 0..classes-1
     */
    public ConfusionMatrix(int classes, int ignoreLabel) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        this.classes = classes;
        this.ignoreLabel = ignoreLabel;
        this.counts = new long[classes * classes];
    }

    /**
     * @param where names the image in errors, e.g. its annotation file
     * @throws IllegalArgumentException when a label is outside the class range and is not the ignore label
     */
    public void add(int[] truth, int[] predicted, String where) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(where + ": label map has " + truth.length + " pixels, prediction "
                    + predicted.length);
        }
        for (int i = 0; i < truth.length; i++) {
            int t = truth[i];
            if (t == ignoreLabel) {
                continue;
            }
            if (t < 0 || t >= classes) {
                throw new IllegalArgumentException(where + ": pixel " + i + " has label " + t + ", outside 0.."
                        + (classes - 1) + " (ignore label " + ignoreLabel + ")");
            }
            int p = predicted[i];
            if (p < 0 || p >= classes) {
                throw new IllegalArgumentException(where + ": predicted label " + p + " at pixel " + i + " is outside 0.."
                        + (classes - 1));
            }
            counts[t * classes + p]++;
        }
    }

    /** Mean over classes that occur in the truth or the predictions; a class absent from both has no IoU. */
    public double meanIou() {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            long truePositive = counts[c * classes + c];
            long union = rowSum(c) + columnSum(c) - truePositive;
            if (union > 0) {
                sum += truePositive / (double) union;
                present++;
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    public double pixelAccuracy() {
        long correct = 0;
        long total = 0;
        for (int c = 0; c < classes; c++) {
            correct += counts[c * classes + c];
            total += rowSum(c);
        }
        return total == 0 ? Double.NaN : correct / (double) total;
    }

    private long rowSum(int c) {
        long sum = 0;
        for (int p = 0; p < classes; p++) {
            sum += counts[c * classes + p];
        }
        return sum;
    }

    private long columnSum(int c) {
        long sum = 0;
        for (int t = 0; t < classes; t++) {
            sum += counts[t * classes + c];
        }
        return sum;
    }
}
