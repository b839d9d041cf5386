package io.vireo.synth;

import java.util.List;
import java.util.Objects;

/**
 * The sidecar of a synthetic video.
 *
 * @param video              dimensions, timing and files
 * @param seed               the seed everything was drawn from
 * @param cameraElevationDeg fixed elevation of the orthographic camera above the objects' horizontal plane
 * @param classes            class labels; {@link ObjectTruth#classId()} indexes this list
 * @param shotCuts           frame indices where a new shot begins (frame 0 is not listed)
 * @param config             the full configuration, enough to regenerate the video
 * @param frames             one entry per frame, in order
 */
public record GroundTruth(VideoInfo video, long seed, double cameraElevationDeg, List<String> classes,
                          List<Integer> shotCuts, SynthConfig config, List<FrameTruth> frames) {

    public GroundTruth {
        Objects.requireNonNull(video, "video");
        Objects.requireNonNull(config, "config");
        classes = List.copyOf(classes);
        shotCuts = List.copyOf(shotCuts);
        frames = List.copyOf(frames);
    }

    GroundTruth withVideo(VideoInfo newVideo) {
        return new GroundTruth(newVideo, seed, cameraElevationDeg, classes, shotCuts, config, frames);
    }
}
