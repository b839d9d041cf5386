package io.vireo.synth;

import java.util.ArrayList;
import java.util.List;

/**
 * One shot: a fixed backdrop, object set and occluders, with continuous motion inside it. A cut replaces
 * all of it at once.
 *
 * @param objects back to front
 */
record ShotPlan(int index, int startFrame, int frameCount, Backdrop backdrop, List<ObjectTrack> objects,
                List<OccluderTrack> occluders, LightTrack light, CameraTrack camera) {

    ShotPlan {
        objects = List.copyOf(objects);
        occluders = List.copyOf(occluders);
    }

    boolean contains(int frame) {
        return frame >= startFrame && frame < startFrame + frameCount;
    }

    SceneState stateAt(int frame, int width, int height, double fps) {
        double t = (frame - startFrame) / fps;
        Light lightNow = light.at(t);
        // The backdrop and occluders catch part of the coloured light so a light change reads on the whole frame.
        Rgb tint = backdrop.plain() ? Rgb.WHITE : Rgb.WHITE.lerp(lightNow.colour(), 0.45);
        List<ObjectPose> poses = new ArrayList<>(objects.size());
        for (ObjectTrack track : objects) {
            poses.add(track.poseAt(t));
        }
        List<Occluder> drawn = new ArrayList<>(occluders.size());
        for (OccluderTrack track : occluders) {
            drawn.add(track.at(t, tint));
        }
        return new SceneState(width, height, backdrop.withTint(tint), camera.at(t), lightNow, poses, drawn);
    }
}
