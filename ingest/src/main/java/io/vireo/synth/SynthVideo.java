package io.vireo.synth;

import java.util.List;
import java.util.Objects;

/** A video rendered in memory: raw frames (before any encoding) and their ground truth (no file names). */
public record SynthVideo(GroundTruth truth, List<RgbImage> frames) {

    public SynthVideo {
        Objects.requireNonNull(truth, "truth");
        frames = List.copyOf(frames);
        if (frames.size() != truth.frames().size()) {
            throw new IllegalArgumentException("frames (" + frames.size() + ") and truth.frames ("
                    + truth.frames().size() + ") must have the same length");
        }
    }
}
