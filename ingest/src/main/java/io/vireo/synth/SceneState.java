package io.vireo.synth;

import java.util.List;
import java.util.Objects;

/**
 * Everything a frame shows; {@link FrameRenderer} turns it into pixels and exact per-object truth
 * without any other input, so renders can be repeated with one element changed.
 *
 * @param width     frame width in pixels
 * @param height    frame height in pixels
 * @param backdrop  background plane
 * @param camera    pan offset subtracted from world coordinates
 * @param light     scene light for the objects
 * @param objects   back to front: later objects hide earlier ones
 * @param occluders in front of every object
 */
record SceneState(int width, int height, Backdrop backdrop, CameraOffset camera, Light light,
                  List<ObjectPose> objects, List<Occluder> occluders) {

    SceneState {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        Objects.requireNonNull(backdrop, "backdrop");
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(light, "light");
        objects = List.copyOf(objects);
        occluders = List.copyOf(occluders);
    }

    SceneState withObjects(List<ObjectPose> newObjects) {
        return new SceneState(width, height, backdrop, camera, light, newObjects, occluders);
    }

    SceneState withOccluders(List<Occluder> newOccluders) {
        return new SceneState(width, height, backdrop, camera, light, objects, newOccluders);
    }

    SceneState withBackdrop(Backdrop newBackdrop) {
        return new SceneState(width, height, newBackdrop, camera, light, objects, occluders);
    }

    /** The same view with {@code margin} extra pixels on every side: shows what the frame border cuts off. */
    SceneState withMargin(int margin) {
        return new SceneState(width + 2 * margin, height + 2 * margin, backdrop,
                new CameraOffset(camera.x() - margin, camera.y() - margin), light, objects, occluders);
    }
}
