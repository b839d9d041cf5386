package io.vireo.cli.study;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vireo.eval.ris.SynthSets;
import io.vireo.training.config.LayeredYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A study's settings: defaults ({@code defaults.yaml} next to this class) ← a YAML file, validated
 * at load with the offending key named. The training budget ({@link Train}) is the same for every
 * method, which is what makes the comparison one of equal compute.
 */
public record StudyConfig(String title, List<Long> seeds, List<String> methods, List<String> datasets, Synthetic synthetic,
                          Real real, Map<String, String> pairs, Train train, Eval eval) {

    public static final List<String> DATASETS = List.of("synthetic", "real");
    /** {@code pairs} and {@code train.set} pass their entries on to the pair job and the training config, which check them. */
    private static final LayeredYaml LAYERS = new LayeredYaml(IllegalArgumentException::new, Set.of("pairs", "train.set"));

    public record Synthetic(int videos, double seconds, String size, int objects, double shotSeconds) {
    }

    /** @param dir empty for the fetch script's cache */
    public record Real(String dir, int maxClips) {
        public Path directory() {
            return dir.isBlank() ? Path.of(System.getProperty("user.home"), ".cache", "vireo", "real-data", "video")
                    : Path.of(dir);
        }
    }

    /** @param set training config overrides (dotted keys), applied to every method */
    public record Train(long steps, Map<String, String> set) {
    }

    public record Eval(int probeImagesPerClass, int probeRenderSize, List<String> risFactors, int risInstancesPerClass,
                       int risConditions) {
    }

    /** Defaults overridden by {@code file} (null: defaults only). */
    public static StudyConfig load(Path file) {
        String text = "";
        if (file != null) {
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("study config " + file + ": cannot read (" + e.getMessage() + ")", e);
            }
        }
        return parse(text, file == null ? "<defaults>" : file.toString());
    }

    public static StudyConfig parse(String yaml, String origin) {
        ObjectNode tree = LAYERS.defaults(StudyConfig.class, "defaults.yaml");
        LAYERS.layer(tree, yaml, origin);
        StudyConfig c = LAYERS.bind(tree, StudyConfig.class, origin);
        c.validate(origin);
        return c;
    }

    private void validate(String origin) {
        require(!seeds.isEmpty(), origin, "seeds", "give at least one seed");
        require(seeds.stream().distinct().count() == seeds.size(), origin, "seeds", "seeds repeat: " + seeds);
        require(!methods.isEmpty(), origin, "methods", "give at least one method");
        require(methods.stream().distinct().count() == methods.size(), origin, "methods", "methods repeat: " + methods);
        require(!datasets.isEmpty(), origin, "datasets", "give at least one of " + DATASETS);
        for (String d : datasets) {
            require(DATASETS.contains(d), origin, "datasets", "unknown '" + d + "' (known: " + DATASETS + ")");
        }
        require(synthetic.videos() >= 1, origin, "synthetic.videos", "must be >= 1, got " + synthetic.videos());
        require(synthetic.seconds() > 0, origin, "synthetic.seconds", "must be > 0, got " + synthetic.seconds());
        require(synthetic.size().matches("\\d+x\\d+"), origin, "synthetic.size", "'" + synthetic.size() + "' is not WxH");
        require(real.maxClips() >= 1, origin, "real.maxClips", "must be >= 1, got " + real.maxClips());
        require(train.steps() >= 1, origin, "train.steps", "must be >= 1, got " + train.steps());
        require(eval.probeImagesPerClass() >= 4, origin, "eval.probeImagesPerClass", "must be >= 4, got "
                + eval.probeImagesPerClass());
        require(!eval.risFactors().contains("instance") || eval.risInstancesPerClass() >= 3, origin,
                "eval.risInstancesPerClass", "must be >= 3 for the 'instance' factor (its sets are a class's instances, "
                        + "and RIS counts sets of 3 or more), got " + eval.risInstancesPerClass());
        require(eval.risConditions() >= 3, origin, "eval.risConditions", "must be >= 3, got " + eval.risConditions());
        for (String f : eval.risFactors()) {
            require(SynthSets.FACTORS.contains(f), origin, "eval.risFactors", "unknown '" + f + "' (known: "
                    + SynthSets.FACTORS + ")");
        }
    }

    private static void require(boolean ok, String origin, String key, String message) {
        if (!ok) {
            throw new IllegalArgumentException(origin + ": key '" + key + "': " + message);
        }
    }
}
