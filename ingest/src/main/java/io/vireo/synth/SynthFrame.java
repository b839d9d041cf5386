package io.vireo.synth;

import java.util.Objects;

/** One raw rendered frame and its ground truth. */
public record SynthFrame(RgbImage image, FrameTruth truth) {

    public SynthFrame {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(truth, "truth");
    }
}
