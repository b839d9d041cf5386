package io.vireo.eval.tasks;

import java.util.Map;

/**
 * Pascal VOC multi-label classification figures.
 *
 * @param apElevenPoint per class, VOC2007 11-point AP (absent when the test split has no positive of the class)
 * @param apAllPoint    per class, VOC2010+ area AP
 * @param mapElevenPoint mean over the classes that have an AP
 * @param mapAllPoint    mean over the classes that have an AP
 */
public record VocClassificationResult(Map<String, Double> apElevenPoint, Map<String, Double> apAllPoint,
                                      double mapElevenPoint, double mapAllPoint, int trainImages, int testImages,
                                      Map<String, Object> settings) {
    public VocClassificationResult {
        apElevenPoint = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(apElevenPoint));
        apAllPoint = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(apAllPoint));
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }
}
