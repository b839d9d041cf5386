package io.vireo.eval.probe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The linear evaluation protocol: multinomial logistic regression on frozen (standardised)
 * features, L2 strength chosen by top-1 on a held-out part of the training rows, then refit on
 * all training rows and scored once on the test rows.
 */
public final class LinearProbe {

    private LinearProbe() {
    }

    public static ProbeResult evaluate(LabeledFeatures train, LabeledFeatures test, LinearProbeConfig config) {
        train.requireCompatible(test);
        LabeledFeatures[] parts = train.split(config.validationFraction(), config.seed());
        Map<String, Double> validationTop1 = new LinkedHashMap<>();
        double bestL2 = config.l2Grid().get(0);
        double bestAccuracy = -1;
        for (double l2 : config.l2Grid()) {
            LinearModel model = fit(parts[0], l2, config);
            double accuracy = TopK.accuracy(model.scores(parts[1].features()), parts[1].labels(), 1);
            validationTop1.put(Double.toString(l2), accuracy);
            // Ties go to the later grid value: the grid ascends, so the stronger regulariser (simpler model).
            if (accuracy >= bestAccuracy) {
                bestAccuracy = accuracy;
                bestL2 = l2;
            }
        }
        LinearModel model = fit(train, bestL2, config);
        double[][] scores = model.scores(test.features());
        int k = Math.min(5, test.classes());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("l2", bestL2);
        settings.put("l2Grid", config.l2Grid());
        settings.put("validationTop1", validationTop1);
        settings.put("validationFraction", config.validationFraction());
        settings.put("optimizer", "L-BFGS (m=10), max " + config.maxIterations() + " iterations");
        settings.put("standardized", true);
        settings.put("trainSize", train.size());
        settings.put("top5k", k);
        return new ProbeResult("linear", TopK.accuracy(scores, test.labels(), 1), TopK.accuracy(scores, test.labels(), k),
                test.size(), settings);
    }

    public static LinearModel fit(LabeledFeatures train, double l2, LinearProbeConfig config) {
        return SoftmaxRegression.multinomial(train.features(), train.labels(), train.classes(), l2, config.lbfgs());
    }
}
