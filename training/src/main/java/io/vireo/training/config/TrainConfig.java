package io.vireo.training.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vireo.training.augment.MocoV2Augment;
import io.vireo.training.data.SyntheticShapesSource;
import io.vireo.training.method.Methods;
import io.vireo.training.method.TrainingMethod;
import io.vireo.training.model.Arch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.HeadSpec;
import io.vireo.training.model.ParameterBudget;
import io.vireo.training.model.ResNetVersion;
import io.vireo.training.objective.BnLeakGuard;
import io.vireo.training.objective.ExemplarSettings;
import io.vireo.training.objective.MethodCompatibility;
import io.vireo.training.objective.MocoV2Settings;
import io.vireo.training.objective.PirlSettings;
import io.vireo.training.objective.PretextSettings;
import io.vireo.training.objective.ReLicV2Settings;
import io.vireo.training.optim.LearningRateSchedule;
import io.vireo.training.pretext.MultiCropViews;
import io.vireo.training.pretext.PatchGrid;

/**
 * A training run's configuration: defaults ← YAML file ← key=value overrides, validated at load
 * with the offending key named. Immutable.
 */
public record TrainConfig(String method, long seed, long steps, long stopAfterSteps, int batchSize, int prefetch,
                          Data data, Model model, Moco moco, Relic relic, Patch patch, Jigsaw jigsaw, Exemplar exemplar,
                          Pirl pirl, Video video, Augment augment, Optim optim, Output output) {

    public static final List<String> DATA_KINDS = List.of("synthetic", "image-folder", "parquet", "kafka");
    private static final LayeredYaml LAYERS = new LayeredYaml(ConfigException::new, Set.of());
    private static final ObjectMapper YAML = LayeredYaml.MAPPER;

    public record Data(String kind, String path, String topic, String bootstrap, long images, int classes, int imageSize,
                       int colours) {
    }

    public record Model(String arch, String version, double width, int inputSize, int channels) {
    }

    public record Moco(int queueSize, double temperature, double momentum, int headHidden, int headOut,
                       String bnGuard, int bnGroups) {
    }

    public record Relic(double temperature, double beta, double emaBase, int smallCrops, int smallSize, double saliencyProb,
                        int headHidden, int headOut) {
    }

    public record Patch(int size, int cell, int headHidden) {
    }

    public record Jigsaw(int permutations) {
    }

    public record Exemplar(int views, double margin, int headHidden, int headOut) {
    }

    public record Pirl(double temperature, double lambda, double bankMomentum, int negatives, int dim) {
    }

    public record Video(double regionShare) {
    }

    /** The MoCo v2 view augmentation's strengths ({@link MocoV2Augment}); torchvision's MoCo v2 values by default. */
    public record Augment(double minScale, double jitterProb, double grayProb, double blurProb, double flipProb) {
    }

    public record Optim(double lr, double momentum, double weightDecay, long warmupSteps, double finalLr) {
    }

    public record Output(String dir, long checkpointEvery, boolean resume) {
    }

    /** Loads {@code file} (may be null for defaults only) and applies {@code overrides} ("a.b=value"). */
    public static TrainConfig load(Path file, List<String> overrides) {
        String text = "";
        if (file != null) {
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new ConfigException("config file " + file + ": cannot read (" + e.getMessage() + ")", e);
            }
        }
        return parse(text, file == null ? "<overrides>" : file.toString(), overrides);
    }

    /** As {@link #load} from YAML text; {@code origin} names it in errors. */
    public static TrainConfig parse(String yaml, String origin, List<String> overrides) {
        ObjectNode tree = LAYERS.defaults(TrainConfig.class, "defaults.yaml");
        LAYERS.layer(tree, yaml, origin);
        for (String o : overrides) {
            applyOverride(tree, o);
        }
        TrainConfig c = LAYERS.bind(tree, TrainConfig.class, origin);
        c.validate();
        return c;
    }

    private static void applyOverride(ObjectNode tree, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("override '" + override + "' is not key=value");
        }
        String key = override.substring(0, eq).trim();
        String value = override.substring(eq + 1).trim();
        String[] parts = key.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || !child.isObject()) {
                throw new ConfigException("unknown key '" + key + "' in override");
            }
            node = (ObjectNode) child;
        }
        JsonNode current = node.get(parts[parts.length - 1]);
        if (current == null || current.isObject()) {
            throw new ConfigException("unknown key '" + key + "' in override");
        }
        try {
            JsonNode parsed = value.isEmpty() ? YAML.getNodeFactory().textNode("") : YAML.readTree(value);
            node.set(parts[parts.length - 1], parsed == null ? YAML.getNodeFactory().textNode(value) : parsed);
        } catch (IOException e) {
            throw new ConfigException("override '" + key + "': cannot parse value '" + value + "'", e);
        }
    }

    /** Semantic checks; every message starts with the dotted key. */
    public void validate() {
        TrainingMethod m = Methods.require(method);
        if (steps < 1) {
            throw new ConfigException("steps: must be >= 1, got " + steps);
        }
        if (stopAfterSteps < 0 || stopAfterSteps > steps) {
            throw new ConfigException("stopAfterSteps: must be in [0, steps], got " + stopAfterSteps);
        }
        if (batchSize < 2) {
            throw new ConfigException("batchSize: must be >= 2 (contrastive losses need a batch), got " + batchSize);
        }
        viewAugment(model.inputSize());
        if (prefetch < 1) {
            throw new ConfigException("prefetch: must be >= 1, got " + prefetch);
        }
        switch (data.kind()) {
            case "synthetic" -> {
                if (data.images() < 1) {
                    throw new ConfigException("data.images: must be >= 1, got " + data.images());
                }
                if (data.classes() < 2 || data.classes() > 6) {
                    throw new ConfigException("data.classes: must be in [2, 6], got " + data.classes());
                }
                if (data.imageSize() < 16) {
                    throw new ConfigException("data.imageSize: must be >= 16, got " + data.imageSize());
                }
                if (data.colours() < 1 || data.colours() > SyntheticShapesSource.PALETTE_SIZE) {
                    throw new ConfigException("data.colours: must be in [1, " + SyntheticShapesSource.PALETTE_SIZE
                            + "], got " + data.colours());
                }
            }
            case "image-folder", "parquet" -> {
                if (data.path() == null || data.path().isBlank()) {
                    throw new ConfigException("data.path: required for data.kind=" + data.kind());
                }
                if (!Files.isDirectory(Path.of(data.path()))) {
                    throw new ConfigException("data.path: no such directory " + data.path());
                }
            }
            case "kafka" -> {
                if (data.bootstrap() == null || data.bootstrap().isBlank()) {
                    throw new ConfigException("data.bootstrap: required for data.kind=kafka (HOST:PORT)");
                }
                if (data.topic() == null || data.topic().isBlank()) {
                    throw new ConfigException("data.topic: required for data.kind=kafka");
                }
            }
            default -> throw new ConfigException("data.kind: unknown '" + data.kind() + "' (" + DATA_KINDS + ")");
        }
        prefixed("model.", this::encoderSpec);
        prefixed("optim.", this::schedule);
        prefixed("optim.", this::pretextSettings);
        if (output.dir() == null || output.dir().isBlank()) {
            throw new ConfigException("output.dir: required");
        }
        m.validate(this);
    }

    /** MoCo v2 checks, for the methods that train with its machinery (moco-v2, video-*). */
    public void validateMoco() {
        prefixed("moco.", this::mocoSettings);
        prefixed("model.", () -> ParameterBudget.require(encoderSpec(), mocoSettings().head(), ParameterBudget.TRAINING_COPIES));
        if (moco.bnGuard().replace('_', '-').equalsIgnoreCase("shuffled-groups") && batchSize % moco.bnGroups() != 0) {
            throw new ConfigException("moco.bnGroups: batchSize " + batchSize + " is not divisible by " + moco.bnGroups());
        }
        if (moco.queueSize() < batchSize) {
            throw new ConfigException("moco.queueSize: must be >= batchSize (" + batchSize + "), got " + moco.queueSize());
        }
        if (data.kind().equals("synthetic") && moco.queueSize() > data.images()) {
            throw new ConfigException("moco.queueSize: " + moco.queueSize() + " is larger than the dataset ("
                    + "data.images = " + data.images() + ")");
        }
    }

    /**
     * Runs {@code check}, turning an IllegalArgumentException into a ConfigException whose message starts
     * with the dotted key ({@code prefix} is added when the message does not already name it).
     */
    public static void prefixed(String prefix, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw new ConfigException(m.startsWith(prefix) ? m : prefix + m, e);
        }
    }

    public EncoderSpec encoderSpec() {
        return new EncoderSpec(Arch.parse(model.arch()), ResNetVersion.parse(model.version()), model.width(),
                model.inputSize(), model.channels());
    }

    public MocoV2Settings mocoSettings() {
        return new MocoV2Settings(moco.queueSize(), moco.temperature(), moco.momentum(),
                head("moco.", moco.headHidden(), moco.headOut()), BnLeakGuard.parse(moco.bnGuard()), moco.bnGroups(),
                optim.momentum(), optim.weightDecay());
    }

    public ReLicV2Settings relicSettings() {
        return new ReLicV2Settings(relic.temperature(), relic.beta(), relic.emaBase(), steps,
                head("relic.", relic.headHidden(), relic.headOut()), optim.momentum(), optim.weightDecay());
    }

    /**
     * ReLICv2's crops: 2 large at model.inputSize (area 0.14–1), relic.smallCrops small (area 0.05–0.14) of
     * relic.smallSize px, by default 96/224 of the large side but at least the 32 px the ImageNet stem can take.
     */
    public MultiCropViews multiCropViews() {
        MultiCropViews recipe = MultiCropViews.relicV2(model.inputSize(), relic.smallCrops());
        int small = relic.smallSize() != 0 ? relic.smallSize()
                : encoderSpec().cifarStem() ? recipe.smallSize()
                : Math.min(model.inputSize(), Math.max(MethodCompatibility.IMAGENET_STEM_MIN_VIEW, recipe.smallSize()));
        return new MultiCropViews(recipe.large(), recipe.small(), recipe.largeSize(), small, recipe.largeMinScale(),
                recipe.largeMaxScale(), recipe.smallMinScale(), recipe.smallMaxScale(), relic.saliencyProb());
    }

    public PatchGrid patchGrid() {
        return new PatchGrid(patch.cell(), patch.size());
    }

    public PretextSettings pretextSettings() {
        return new PretextSettings(optim.momentum(), optim.weightDecay());
    }

    public ExemplarSettings exemplarSettings() {
        return new ExemplarSettings(exemplar.views(), exemplar.margin(),
                head("exemplar.", exemplar.headHidden(), exemplar.headOut()), pretextSettings());
    }

    public PirlSettings pirlSettings() {
        return new PirlSettings(pirl.temperature(), pirl.lambda(), pirl.bankMomentum(), pirl.negatives(), pirl.dim(),
                pretextSettings());
    }

    /**
     * The MoCo v2 view augmentation at {@code size} px with the {@code augment.*} strengths (moco-v2, the video
     * methods, supervised and PIRL's image views). Small images want milder settings than ImageNet's: solo-learn's
     * CIFAR recipes turn the Gaussian blur off, since σ up to 2 px erases a 28–32 px image's detail.
     */
    public MocoV2Augment viewAugment(int size) {
        probability("augment.jitterProb", augment.jitterProb());
        probability("augment.grayProb", augment.grayProb());
        probability("augment.blurProb", augment.blurProb());
        probability("augment.flipProb", augment.flipProb());
        MocoV2Augment moco = MocoV2Augment.mocoV2(size);
        try {
            return new MocoV2Augment(size, augment.minScale(), augment.jitterProb(), moco.brightness(), moco.contrast(),
                    moco.saturation(), moco.hue(), augment.grayProb(), augment.blurProb(), augment.flipProb());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("augment." + e.getMessage(), e);
        }
    }

    private static void probability(String key, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new ConfigException(key + ": must be in [0, 1], got " + p);
        }
    }

    /** video-mixed: the probability that a pair is region-tracked. */
    public double regionShare() {
        if (!(video.regionShare() >= 0 && video.regionShare() <= 1)) {
            throw new ConfigException("video.regionShare: must be in [0, 1], got " + video.regionShare());
        }
        return video.regionShare();
    }

    /** A projection head, its errors naming {@code prefix}headHidden / headOut. */
    private static HeadSpec head(String prefix, int hidden, int out) {
        if (hidden < 1) {
            throw new ConfigException(prefix + "headHidden: must be >= 1, got " + hidden);
        }
        if (out < 1) {
            throw new ConfigException(prefix + "headOut: must be >= 1, got " + out);
        }
        return new HeadSpec(hidden, out);
    }

    public LearningRateSchedule schedule() {
        return new LearningRateSchedule(optim.lr(), optim.warmupSteps(), steps, optim.finalLr());
    }
}
