package io.vireo.synth;

import java.util.Objects;

/**
 * An object as placed in one frame.
 *
 * @param id       unique within a video
 * @param instance appearance
 * @param x        world x of the projected centre, in pixels
 * @param y        world y of the projected centre, in pixels
 * @param yawDeg   rotation about the vertical axis (the viewpoint), in degrees
 * @param scale    pixels per object unit
 */
record ObjectPose(int id, ObjectInstance instance, double x, double y, double yawDeg, double scale) {

    ObjectPose {
        Objects.requireNonNull(instance, "instance");
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be > 0, got " + scale);
        }
    }
}
