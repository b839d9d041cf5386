package io.vireo.eval.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import org.bytedeco.opencv.opencv_core.Mat;

import io.vireo.eval.encoder.FeatureExtractor;
import io.vireo.eval.features.FeatureMatrix;
import io.vireo.eval.images.SynthRenders;
import io.vireo.eval.probe.KnnConfig;
import io.vireo.eval.probe.KnnProbe;
import io.vireo.eval.probe.LabeledFeatures;
import io.vireo.eval.probe.LinearProbe;
import io.vireo.eval.probe.LinearProbeConfig;
import io.vireo.eval.probe.ProbeResult;
import io.vireo.synth.Light;
import io.vireo.synth.ObjectClass;
import io.vireo.synth.ObjectInstance;
import io.vireo.synth.Rgb;

/**
 * Object-class recognition in the synthetic world, the labelled task the quickstart and the study
 * probe frozen features on: each image is a fresh random instance of one of the world's classes,
 * seen from a random yaw under a random light (direction and tint) with up to 30 % of it occluded,
 * cropped to its true box. Nuisances vary, the class is what stays: the features that probe well
 * here are the ones that are invariant the way the RIS factors measure.
 */
public final class SynthObjectClassification {

    public static final String TASK = "synth-objects";

    /**
     * @param imagesPerClass renders per class, split into train and test
     * @param testFraction   share of each class held out for testing
     * @param renderSize     side of the square render before cropping
     */
    public record Settings(int imagesPerClass, double testFraction, int renderSize, long seed) {
        public Settings {
            if (imagesPerClass < 4) {
                throw new IllegalArgumentException("imagesPerClass: must be >= 4, got " + imagesPerClass);
            }
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new IllegalArgumentException("testFraction: must be in (0, 1), got " + testFraction);
            }
            if (renderSize < 16) {
                throw new IllegalArgumentException("renderSize: must be >= 16, got " + renderSize);
            }
        }
    }

    private record Render(ObjectInstance instance, double yaw, Light light, double occlusion) {
    }

    /** The task's images: {@code count} renders, {@code image(i)} a fresh BGR crop (the caller closes it). */
    public record Renders(int count, IntFunction<Mat> image, int[] labels) {
    }

    private SynthObjectClassification() {
    }

    /** Linear and kNN probes on the encoder's features: results keyed "synth-objects/linear" and "synth-objects/knn". */
    public static Map<String, ProbeResult> evaluate(FeatureExtractor extractor, Settings s, LinearProbeConfig linear,
                                                    KnnConfig knn) {
        Renders renders = renders(s);
        FeatureMatrix features = extractor.extract(renders.count(), renders.image());
        LabeledFeatures all = new LabeledFeatures(features, renders.labels(), ObjectClass.values().length, TASK);
        LabeledFeatures[] trainTest = all.split(s.testFraction(), s.seed());
        Map<String, ProbeResult> results = new LinkedHashMap<>();
        results.put(TASK + "/linear", LinearProbe.evaluate(trainTest[0], trainTest[1], linear));
        results.put(TASK + "/knn", KnnProbe.evaluate(trainTest[0], trainTest[1], knn));
        return results;
    }

    public static Renders renders(Settings s) {
        SplittableRandom random = new SplittableRandom(s.seed());
        List<Render> renders = new ArrayList<>();
        for (ObjectClass c : ObjectClass.values()) {
            for (int i = 0; i < s.imagesPerClass(); i++) {
                Light light = new Light(-80 + 160 * random.nextDouble(), 20 + 50 * random.nextDouble(),
                        Rgb.fromHsv(360 * random.nextDouble(), 0.4 * random.nextDouble(), 1));
                renders.add(new Render(ObjectInstance.random(c, random), 360 * random.nextDouble(), light,
                        0.3 * random.nextDouble()));
            }
        }
        return new Renders(renders.size(), i -> {
            Render r = renders.get(i);
            return SynthRenders.crop(r.instance(), r.yaw(), r.light(), r.occlusion(), s.renderSize());
        }, renders.stream().mapToInt(r -> r.instance().objectClass().id()).toArray());
    }
}
