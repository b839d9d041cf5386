package io.vireo.synth;

import java.util.List;
import java.util.Objects;

/** Pixels of one frame plus the truth measured while drawing them. */
record RenderedFrame(RgbImage image, List<ObjectTruth> objects) {

    RenderedFrame {
        Objects.requireNonNull(image, "image");
        objects = List.copyOf(objects);
    }
}
