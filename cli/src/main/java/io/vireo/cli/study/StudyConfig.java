package io.vireo.cli.study;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vireo.eval.ris.SynthSets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A study's settings: defaults ({@code defaults.yaml} next to this class) ← a YAML file, validated
 * at load with the offending key named. The training budget ({@link Train}) is the same for every
 * method, which is what makes the comparison one of equal compute.
 */
public record StudyConfig(String title, List<Long> seeds, List<String> methods, List<String> datasets, Synthetic synthetic,
                          Real real, Map<String, String> pairs, Train train, Eval eval) {

    public static final List<String> DATASETS = List.of("synthetic", "real");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

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
        ObjectNode tree = defaults();
        try {
            JsonNode user = yaml.isBlank() ? null : YAML.readTree(yaml);
            if (user != null && !user.isNull()) {
                if (!user.isObject()) {
                    throw new IllegalArgumentException(origin + ": top level must be a mapping");
                }
                merge(tree, (ObjectNode) user, "", origin);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        StudyConfig c;
        try {
            c = YAML.treeToValue(tree, StudyConfig.class);
        } catch (JsonMappingException e) {
            String key = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw new IllegalArgumentException(origin + ": key '" + key + "': " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
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

    private static ObjectNode defaults() {
        try (InputStream in = StudyConfig.class.getResourceAsStream("defaults.yaml")) {
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("study defaults.yaml missing from the jar", e);
        }
    }

    /** Deep-merges {@code user} into {@code base}; keys absent from the defaults are unknown, except in free maps. */
    private static void merge(ObjectNode base, ObjectNode user, String prefix, String origin) {
        Iterator<Map.Entry<String, JsonNode>> it = user.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            JsonNode current = base.get(e.getKey());
            boolean freeMap = key.equals("pairs") || key.equals("train.set");
            if (current == null) {
                throw new IllegalArgumentException(origin + ": unknown key '" + key + "'");
            }
            if (current.isObject() && !freeMap) {
                if (!e.getValue().isObject()) {
                    throw new IllegalArgumentException(origin + ": key '" + key + "' must be a mapping");
                }
                merge((ObjectNode) current, (ObjectNode) e.getValue(), key + ".", origin);
            } else if (freeMap && e.getValue().isObject()) {
                ((ObjectNode) current).setAll((ObjectNode) e.getValue()); // adds to the defaults' entries
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }
}
