package io.vireo.eval.ris;

import java.util.Arrays;

import io.vireo.eval.encoder.FeatureExtractor;
import io.vireo.eval.features.FeatureMatrix;

/** RIS@10 and RIS@25 of an encoder on one factor's images. */
public final class RisEvaluation {

    private RisEvaluation() {
    }

    public static RisResult evaluate(FeatureExtractor extractor, RisInput input) {
        FeatureMatrix features = extractor.extract(input.count(), input.image());
        return fromFeatures(input, features);
    }

    public static RisResult fromFeatures(RisInput input, FeatureMatrix features) {
        double[] r = Ris.score(features, input.classes(), input.sets(), 10, 25);
        int classes = (int) Arrays.stream(input.classes()).distinct().count();
        int counted = (int) input.sets().stream().filter(s -> s.length >= Ris.MIN_SET_SIZE).count();
        return new RisResult(input.factor(), r[0], r[1], input.count(), classes, counted, Ris.firingPercent(classes));
    }
}
