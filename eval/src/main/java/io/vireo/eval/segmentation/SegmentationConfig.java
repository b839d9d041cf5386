package io.vireo.eval.segmentation;

/**
 * Linear per-pixel head settings.
 *
 * @param pixelsPerImage labelled pixels sampled from each training image to fit the head
 * @param l2             L2 strength of the softmax head
 * @param maxIterations  L-BFGS iteration limit
 * @param batchSize      images per encoder forward pass
 * @param seed           pixel sampling
 */
public record SegmentationConfig(int pixelsPerImage, double l2, int maxIterations, int batchSize, long seed) {
    public SegmentationConfig {
        if (pixelsPerImage < 1) {
            throw new IllegalArgumentException("pixelsPerImage: must be >= 1, got " + pixelsPerImage);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2: must be finite and >= 0, got " + l2);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations: must be >= 1, got " + maxIterations);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: must be >= 1, got " + batchSize);
        }
    }

    public static SegmentationConfig defaults() {
        return new SegmentationConfig(256, 1e-4, 300, 16, 0);
    }
}
