package io.vireo.synth;

import java.util.List;
import java.util.Objects;

/**
 * Ground truth for one frame.
 *
 * @param index      0-based frame number
 * @param ptsSeconds presentation time, index / fps
 * @param shot       0-based shot number
 * @param camera     camera pan since the start of the shot
 * @param objects    objects with at least one silhouette pixel inside the frame, back to front
 */
public record FrameTruth(int index, double ptsSeconds, int shot, CameraOffset camera, List<ObjectTruth> objects) {

    public FrameTruth {
        Objects.requireNonNull(camera, "camera");
        objects = List.copyOf(objects);
    }
}
