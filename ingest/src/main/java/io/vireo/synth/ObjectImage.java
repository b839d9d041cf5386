package io.vireo.synth;

import java.util.Objects;

/**
 * A single object rendered for per-factor image sets.
 *
 * @param image the square render
 * @param truth the object's box, viewpoint, light and achieved occlusion (exact; see {@link ObjectRenderer})
 */
public record ObjectImage(RgbImage image, ObjectTruth truth) {

    public ObjectImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(truth, "truth");
    }
}
