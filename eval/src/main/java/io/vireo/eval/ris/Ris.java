package io.vireo.eval.ris;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import io.vireo.eval.features.FeatureMatrix;

/**
 * Top-K Representation Invariance Score, computed exactly as the Demystifying paper's released
 * measurement procedure does (see DESIGN.md, "Evaluation"), for several K at once.
 *
 * <p>N images with pre-logits x (one row each) and a class each; C = number of distinct classes;
 * p = min((1 − 1/C)·100, 95); i = ⌊N·p/100⌋ (computed with Python's float floor division, as the
 * reference does). Per neuron: t⁺ = i-th value (0-based) sorted ascending, t⁻ = i-th value sorted
 * descending, global firing G = mean over images of [x ≥ t⁺]. Per set of ≥ 3 images:
 * f = max(#[x &gt; t⁺], #[x &lt; t⁻]); where f &gt; 0 the set's class gets f/|set| added to its local
 * sum and 1 to its count. L = sum / (count + 1e-20); per class, the mean of the K largest L/G;
 * RIS@K = mean over classes · (100 − p).
 */
public final class Ris {

    /** Sets smaller than this are skipped, as in the reference. */
    public static final int MIN_SET_SIZE = 3;

    private Ris() {
    }

    /**
     * @param features   one row per image
     * @param classes    class id per row (any integers; only distinctness matters)
     * @param sets       rows of each set (one instance under one varying factor); a set's class is its first row's
     * @param ks         the K values, each ≤ the feature dimension
     * @return RIS@K per K, in the order of {@code ks}
     */
    public static double[] score(FeatureMatrix features, int[] classes, List<int[]> sets, int... ks) {
        int n = features.rows();
        int d = features.cols();
        if (classes.length != n) {
            throw new IllegalArgumentException("RIS: " + n + " feature rows but " + classes.length + " class ids");
        }
        for (int k : ks) {
            if (k < 1 || k > d) {
                throw new IllegalArgumentException("RIS@" + k + " needs a feature dimension >= " + k + ", got " + d);
            }
        }
        int[] unique = new TreeSet<>(Arrays.stream(classes).boxed().toList()).stream().mapToInt(Integer::intValue).toArray();
        int c = unique.length;
        if (c < 1 || n == 0) {
            throw new IllegalArgumentException("RIS: no images");
        }
        double firingPercent = firingPercent(c);
        int index = (int) pyFloorDiv(n * firingPercent, 100);
        if (index >= n) {
            throw new IllegalArgumentException("RIS: threshold index " + index + " is outside the " + n + " images");
        }

        double[] upper = new double[d];
        double[] lower = new double[d];
        double[] global = new double[d];
        double[] column = new double[n];
        for (int j = 0; j < d; j++) {
            for (int r = 0; r < n; r++) {
                column[r] = features.get(r, j);
            }
            double[] sorted = column.clone();
            Arrays.sort(sorted);
            upper[j] = sorted[index];
            lower[j] = sorted[n - 1 - index];
            int firing = 0;
            for (double v : column) {
                firing += v >= upper[j] ? 1 : 0;
            }
            global[j] = firing / (double) n;
        }

        double[][] localSum = new double[c][d];
        double[][] localCount = new double[c][d];
        for (int[] set : sets) {
            if (set.length < MIN_SET_SIZE) {
                continue;
            }
            int cls = Arrays.binarySearch(unique, classes[set[0]]);
            for (int j = 0; j < d; j++) {
                int above = 0;
                int below = 0;
                for (int r : set) {
                    float v = features.get(r, j);
                    above += v > upper[j] ? 1 : 0;
                    below += v < lower[j] ? 1 : 0;
                }
                int f = Math.max(above, below);
                if (f > 0) {
                    localSum[cls][j] += f / (double) set.length;
                    localCount[cls][j] += 1;
                }
            }
        }

        double[] result = new double[ks.length];
        for (int ci = 0; ci < c; ci++) {
            double[] ratio = new double[d];
            for (int j = 0; j < d; j++) {
                ratio[j] = localSum[ci][j] / (localCount[ci][j] + 1e-20) / global[j];
            }
            Arrays.sort(ratio);
            for (int q = 0; q < ks.length; q++) {
                double sum = 0;
                for (int t = 0; t < ks[q]; t++) {
                    sum += ratio[d - 1 - t];
                }
                result[q] += sum / ks[q];
            }
        }
        for (int q = 0; q < ks.length; q++) {
            result[q] = result[q] / c * (100 - firingPercent);
        }
        return result;
    }

    /** p = min((1 − 1/C)·100, 95), in the reference's float arithmetic. */
    public static double firingPercent(int classes) {
        return Math.min((1.0 - 1.0 / classes) * 100, 95);
    }

    /** Python's float {@code a // b} (CPython float_floor_div), so the threshold index matches the reference bit for bit. */
    static double pyFloorDiv(double a, double b) {
        double mod = a % b; // C fmod
        double div = (a - mod) / b;
        if (mod != 0 && ((b < 0) != (mod < 0))) {
            div -= 1.0;
        }
        if (div == 0) {
            return Math.copySign(0.0, a / b);
        }
        double floor = Math.floor(div);
        if (div - floor > 0.5) {
            floor += 1.0;
        }
        return floor;
    }
}
