package io.vireo.eval.segmentation;

import java.nio.file.Path;

/** An image and its class mask. */
public record SegmentationSample(String id, Path image, Path mask) {
}
