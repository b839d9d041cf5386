package io.vireo.eval.segmentation;

import java.util.Map;

/**
 * @param meanIou       mean IoU over classes present in the truth or the predictions of the test set
 * @param pixelAccuracy share of scored (non-ignored) test pixels predicted right
 * @param settings      everything that produced the figures
 */
public record SegmentationResult(String dataset, int classes, double meanIou, double pixelAccuracy, int trainImages,
                                 int testImages, Map<String, Object> settings) {
    public SegmentationResult {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }
}
