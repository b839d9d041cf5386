package io.vireo.synth;

import java.nio.file.Path;
import java.util.Objects;

/** Files written by {@link SceneSynthesizer#generate}, and the truth that the sidecar holds. */
public record SynthResult(Path mp4, Path ts, Path groundTruthFile, GroundTruth groundTruth) {

    public SynthResult {
        Objects.requireNonNull(mp4, "mp4");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(groundTruthFile, "groundTruthFile");
        Objects.requireNonNull(groundTruth, "groundTruth");
    }
}
