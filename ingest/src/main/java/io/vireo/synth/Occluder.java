package io.vireo.synth;

import java.util.Objects;

/** An occluder as drawn in one frame: its shape and its flat (already lit) colour. */
record Occluder(OccluderShape shape, Rgb colour) {

    Occluder {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(colour, "colour");
    }
}
