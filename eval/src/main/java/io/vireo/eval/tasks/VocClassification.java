package io.vireo.eval.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vireo.eval.datasets.voc.VocClasses;
import io.vireo.eval.datasets.voc.VocDataset;
import io.vireo.eval.encoder.FeatureExtractor;
import io.vireo.eval.features.FeatureMatrix;
import io.vireo.eval.images.Images;
import io.vireo.eval.metrics.AveragePrecision;
import io.vireo.eval.probe.LinearModel;
import io.vireo.eval.probe.LinearProbeConfig;
import io.vireo.eval.probe.SoftmaxRegression;

/**
 * Pascal VOC image classification, the frozen-feature protocol: one linear (logistic) classifier
 * per class on whole-image pre-logits, scored per class by AP on the test split and averaged
 * (mAP), in both the VOC2007 11-point and the VOC2010+ area variants. Difficult-only images of a
 * class (ground truth 0) are left out of that class's training and AP, as the devkit does.
 */
public final class VocClassification {

    private VocClassification() {
    }

    /** Ground truth of a split: per image, per class 1 / 0 (difficult only) / -1. */
    record Split(List<String> ids, int[][] truth) {
    }

    public static VocClassificationResult evaluate(FeatureExtractor extractor, VocDataset voc, String trainSplit,
                                                   String testSplit, LinearProbeConfig config) {
        Split train = split(voc, trainSplit);
        Split test = split(voc, testSplit);
        FeatureMatrix trainX = features(extractor, voc, train);
        FeatureMatrix testX = features(extractor, voc, test);

        // L2 by mean AP on a held-out part of the training split (classes with a held-out positive).
        int n = train.ids().size();
        int[] order = shuffled(n, config.seed());
        int validation = Math.max(1, (int) Math.round(n * config.validationFraction()));
        int[] valRows = java.util.Arrays.copyOfRange(order, 0, validation);
        int[] fitRows = java.util.Arrays.copyOfRange(order, validation, n);
        Map<String, Double> validationMap = new LinkedHashMap<>();
        double bestL2 = Double.NaN;
        double best = -1;
        if (fitRows.length > 0) {
            for (double l2 : config.l2Grid()) {
                LinearModel m = fit(trainX.rows(fitRows), rows(train.truth(), fitRows), l2, config);
                double[] ap = apPerClass(m.scores(trainX.rows(valRows)), rows(train.truth(), valRows), false);
                double mean = mean(ap);
                validationMap.put(Double.toString(l2), Double.isNaN(mean) ? null : mean);
                if (!Double.isNaN(mean) && mean >= best) {
                    best = mean;
                    bestL2 = l2;
                }
            }
        }
        String selection = "validation mAP (all-point) on " + validation + " held-out training images";
        if (Double.isNaN(bestL2)) {
            // Too few images to hold any positive out: fall back to the grid's middle value and say so.
            bestL2 = config.l2Grid().get(config.l2Grid().size() / 2);
            selection = "grid middle (the held-out training images have no positives)";
        }
        LinearModel model = fit(trainX, train.truth(), bestL2, config);
        double[][] scores = model.scores(testX);
        double[] ap11 = apPerClass(scores, test.truth(), true);
        double[] apAll = apPerClass(scores, test.truth(), false);
        Map<String, Double> perClass11 = new LinkedHashMap<>();
        Map<String, Double> perClassAll = new LinkedHashMap<>();
        for (int c = 0; c < VocClasses.NAMES.size(); c++) {
            if (!Double.isNaN(apAll[c])) {
                perClass11.put(VocClasses.NAMES.get(c), ap11[c]);
                perClassAll.put(VocClasses.NAMES.get(c), apAll[c]);
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("classifier", "one logistic regression per class (L-BFGS), standardised features");
        settings.put("trainSplit", trainSplit);
        settings.put("testSplit", testSplit);
        settings.put("l2", bestL2);
        settings.put("l2Selection", selection);
        settings.put("validationMapAllPoint", validationMap);
        settings.put("encoder", extractor.encoder().origin());
        settings.put("inputSize", extractor.encoder().spec().inputSize());
        return new VocClassificationResult(perClass11, perClassAll, mean(ap11), mean(apAll), train.ids().size(),
                test.ids().size(), settings);
    }

    static Split split(VocDataset voc, String name) {
        List<String> ids = voc.mainIds(name);
        int[][] truth = new int[ids.size()][];
        for (int i = 0; i < ids.size(); i++) {
            truth[i] = VocDataset.imageLabels(voc.annotation(ids.get(i)));
        }
        return new Split(ids, truth);
    }

    private static FeatureMatrix features(FeatureExtractor extractor, VocDataset voc, Split split) {
        List<String> ids = split.ids();
        return extractor.extract(ids.size(), i -> Images.readBgr(voc.image(ids.get(i))));
    }

    private static LinearModel fit(FeatureMatrix x, int[][] truth, double l2, LinearProbeConfig config) {
        int c = VocClasses.NAMES.size();
        double[][] targets = new double[truth.length][c];
        double[][] weights = new double[truth.length][c];
        for (int i = 0; i < truth.length; i++) {
            for (int k = 0; k < c; k++) {
                targets[i][k] = truth[i][k] == 1 ? 1 : 0;
                weights[i][k] = truth[i][k] == 0 ? 0 : 1;
            }
        }
        return SoftmaxRegression.oneVsRest(x, targets, weights, l2, config.lbfgs());
    }

    /** AP per class over the non-difficult rows; NaN for a class without positives. */
    static double[] apPerClass(double[][] scores, int[][] truth, boolean elevenPoint) {
        int c = VocClasses.NAMES.size();
        double[] ap = new double[c];
        for (int k = 0; k < c; k++) {
            List<Double> s = new ArrayList<>();
            List<Boolean> p = new ArrayList<>();
            boolean anyPositive = false;
            for (int i = 0; i < truth.length; i++) {
                if (truth[i][k] != 0) {
                    s.add(scores[i][k]);
                    p.add(truth[i][k] == 1);
                    anyPositive |= truth[i][k] == 1;
                }
            }
            if (!anyPositive) {
                ap[k] = Double.NaN;
                continue;
            }
            double[] sa = s.stream().mapToDouble(Double::doubleValue).toArray();
            boolean[] pa = new boolean[p.size()];
            for (int i = 0; i < pa.length; i++) {
                pa[i] = p.get(i);
            }
            ap[k] = elevenPoint ? AveragePrecision.voc07ElevenPoint(sa, pa) : AveragePrecision.allPoint(sa, pa);
        }
        return ap;
    }

    private static double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static int[][] rows(int[][] m, int[] idx) {
        int[][] out = new int[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = m[idx[i]];
        }
        return out;
    }

    private static int[] shuffled(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = o[i];
            o[i] = o[j];
            o[j] = t;
        }
        return o;
    }
}
