package io.vireo.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A planned video: any frame can be rendered on its own, in any order, with the same result. */
final class SceneScript {

    private final SynthConfig config;
    private final List<ShotPlan> shots;

    SceneScript(SynthConfig config, List<ShotPlan> shots) {
        this.config = config;
        this.shots = List.copyOf(shots);
    }

    SynthConfig config() {
        return config;
    }

    List<Integer> shotCuts() {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < shots.size(); i++) {
            cuts.add(shots.get(i).startFrame());
        }
        return cuts;
    }

    /** Instances by object id, in id order. */
    Map<Integer, ObjectInstance> objectInstances() {
        Map<Integer, ObjectInstance> byId = new TreeMap<>();
        for (ShotPlan shot : shots) {
            for (ObjectTrack track : shot.objects()) {
                byId.put(track.id(), track.instance());
            }
        }
        return Collections.unmodifiableMap(byId);
    }

    ShotPlan shotOf(int frame) {
        if (frame < 0 || frame >= config.frames()) {
            throw new IndexOutOfBoundsException("frame must be in [0, " + config.frames() + "), got " + frame);
        }
        for (ShotPlan shot : shots) {
            if (shot.contains(frame)) {
                return shot;
            }
        }
        throw new IllegalStateException("no shot covers frame " + frame);
    }

    SceneState stateAt(int frame) {
        return shotOf(frame).stateAt(frame, config.width(), config.height(), config.fps());
    }

    /** Renders a frame and pairs its pixels with its truth. */
    SynthFrame render(int frame) {
        SceneState state = stateAt(frame);
        RenderedFrame rendered = FrameRenderer.render(state);
        FrameTruth truth = new FrameTruth(frame, frame / config.fps(), shotOf(frame).index(), state.camera(),
                rendered.objects());
        return new SynthFrame(rendered.image(), truth);
    }

    VideoInfo videoInfo() {
        return new VideoInfo(config.width(), config.height(), config.fps(), config.frames(), config.gopFrames(),
                VideoEncoder.CODEC, VideoEncoder.PIXEL_FORMAT, null, null);
    }

    GroundTruth groundTruth(List<FrameTruth> frames) {
        return new GroundTruth(videoInfo(), config.seed(), CuboidProjection.CAMERA_ELEVATION_DEG,
                ObjectClass.labels(), shotCuts(), config, frames);
    }
}
