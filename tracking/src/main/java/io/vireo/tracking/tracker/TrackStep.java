package io.vireo.tracking.tracker;

import io.vireo.tracking.geometry.Box;
import java.util.Objects;

/**
 * The result of advancing a tracker by one frame.
 *
 * @param success whether the tracker itself believes it still has the target (its own test,
 *                e.g. CSRT's peak-to-sidelobe ratio; MIL always says yes)
 * @param box     the tracker's box on this frame, in frame pixels, not clipped to the frame;
 *                meaningless when {@code success} is false
 */
public record TrackStep(boolean success, Box box) {

    public TrackStep {
        Objects.requireNonNull(box, "box");
    }
}
