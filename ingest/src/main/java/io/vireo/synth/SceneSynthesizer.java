package io.vireo.synth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the synthetic scene generator: videos of textured cuboids of {@link ObjectClass}es that
 * move, turn and are lit by a moving coloured light, behind passing occluders, with camera pans and hard
 * shot cuts, plus exact ground truth. Everything is a pure function of the {@link SynthConfig}.
 */
public final class SceneSynthesizer {

    private static final Logger LOG = LoggerFactory.getLogger(SceneSynthesizer.class);
    private static final IntConsumer NO_PROGRESS = framesDone -> { };

    private SceneSynthesizer() {
    }

    /** Renders {@code outDir/name.mp4}, {@code name.ts} and {@code name.json}; see {@link #generate(SynthConfig, Path, String, IntConsumer)}. */
    public static SynthResult generate(SynthConfig config, Path outDir, String name) throws IOException {
        return generate(config, outDir, name, NO_PROGRESS);
    }

    /**
     * Renders and encodes the video, streaming frames to the encoder (memory stays flat for long videos).
     *
     * @param progress called with the number of frames encoded so far, from the calling thread
     */
    public static SynthResult generate(SynthConfig config, Path outDir, String name, IntConsumer progress)
            throws IOException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(progress, "progress");
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("name must be a non-blank file name without separators, got '" + name + "'");
        }
        Files.createDirectories(outDir);
        Path mp4 = outDir.resolve(name + ".mp4");
        Path ts = outDir.resolve(name + ".ts");
        Path json = outDir.resolve(name + ".json");
        SceneScript script = ScenePlanner.plan(config);
        Set<Integer> cuts = new HashSet<>(script.shotCuts());
        List<FrameTruth> truths = new ArrayList<>(config.frames());
        long started = System.nanoTime();
        try (VideoEncoder encoder = new VideoEncoder(mp4, config)) {
            for (int i = 0; i < config.frames(); i++) {
                SynthFrame frame = script.render(i);
                encoder.write(frame.image(), cuts.contains(i));
                truths.add(frame.truth());
                progress.accept(i + 1);
            }
        }
        VideoEncoder.remuxToTs(mp4, ts);
        GroundTruth truth = script.groundTruth(truths)
                .withVideo(script.videoInfo().withFiles(mp4.getFileName().toString(), ts.getFileName().toString()));
        GroundTruthJson.write(truth, json);
        LOG.info("synthesised {} frames ({}x{}, {} shots) into {} in {} ms", config.frames(), config.width(),
                config.height(), truth.shotCuts().size() + 1, outDir, (System.nanoTime() - started) / 1_000_000);
        return new SynthResult(mp4, ts, json, truth);
    }

    /** Renders every raw frame and its truth in memory, without encoding. */
    public static SynthVideo render(SynthConfig config) {
        return render(config, NO_PROGRESS);
    }

    public static SynthVideo render(SynthConfig config, IntConsumer progress) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(progress, "progress");
        SceneScript script = ScenePlanner.plan(config);
        List<RgbImage> images = new ArrayList<>(config.frames());
        List<FrameTruth> truths = new ArrayList<>(config.frames());
        for (int i = 0; i < config.frames(); i++) {
            SynthFrame frame = script.render(i);
            images.add(frame.image());
            truths.add(frame.truth());
            progress.accept(i + 1);
        }
        return new SynthVideo(script.groundTruth(truths), images);
    }

    /** One raw frame and its truth, without rendering the frames before it. */
    public static SynthFrame renderFrame(SynthConfig config, int frameIndex) {
        return ScenePlanner.plan(config).render(frameIndex);
    }

    /**
     * The appearance of every object of the video, by {@link ObjectTruth#id()}: lets per-factor sets
     * ({@link #renderObject}) show exactly the instances a video contains.
     */
    public static Map<Integer, ObjectInstance> objectInstances(SynthConfig config) {
        return ScenePlanner.plan(config).objectInstances();
    }

    /** See {@link ObjectRenderer#renderObject}. */
    public static ObjectImage renderObject(ObjectInstance instance, double viewpointDeg, Light light,
                                           double occlusionFraction, int size) {
        return ObjectRenderer.renderObject(instance, viewpointDeg, light, occlusionFraction, size);
    }
}
