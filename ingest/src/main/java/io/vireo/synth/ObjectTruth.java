package io.vireo.synth;

import java.util.Objects;

/**
 * Exact ground truth for one object in one frame.
 *
 * @param id               unique within the video; a new shot brings new ids
 * @param classId          index into {@link GroundTruth#classes()}
 * @param className        the class label
 * @param box              tight box of the full projected silhouette (ignoring occluders), clipped to the frame
 * @param viewpointDeg     yaw about the vertical axis in [0, 360); 0 = front face toward the camera
 * @param light            the light on the object in this frame
 * @param occlusion        hidden share of the silhouette: 1 - visiblePixels / silhouettePixels
 * @param silhouettePixels pixels of the full silhouette, counting those beyond the frame border
 * @param visiblePixels    pixels of the rendered frame showing this object
 */
public record ObjectTruth(int id, int classId, String className, Box box, double viewpointDeg, Light light,
                          double occlusion, int silhouettePixels, int visiblePixels) {

    public ObjectTruth {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(light, "light");
        if (!(occlusion >= 0 && occlusion <= 1)) {
            throw new IllegalArgumentException("occlusion must be in [0, 1], got " + occlusion);
        }
        if (visiblePixels < 0 || visiblePixels > silhouettePixels) {
            throw new IllegalArgumentException("visiblePixels must be in [0, silhouettePixels=" + silhouettePixels
                    + "], got " + visiblePixels);
        }
    }
}
