package io.vireo.training.method;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vireo.training.config.ConfigException;
import io.vireo.training.config.TrainConfig;
import io.vireo.training.objective.ExemplarObjective;
import io.vireo.training.objective.JigsawObjective;
import io.vireo.training.objective.MethodCompatibility;
import io.vireo.training.objective.PirlObjective;
import io.vireo.training.objective.ReLicV2;
import io.vireo.training.objective.RelativePatchLocationObjective;
import io.vireo.training.objective.RotationObjective;
import io.vireo.training.objective.SupervisedObjective;
import io.vireo.training.pretext.ExemplarViews;
import io.vireo.training.pretext.Jigsaw;
import io.vireo.training.pretext.PermutationSet;
import io.vireo.training.pretext.PretextBatches;
import io.vireo.training.pretext.RelativePatchLocation;
import io.vireo.training.pretext.Rotation;
import io.vireo.training.pretext.SaliencyMask;

/**
 * The registry of {@code --method}s: one entry per method, each saying how its objective is built and
 * how its batches are laid out (see training/README.md, "Methods").
 */
public final class Methods {
    private static final Map<String, TrainingMethod> ALL = index(List.of(
            MocoMethod.mocoV2(),
            new ImageMethod(ReLicV2.METHOD,
                    c -> {
                        TrainConfig.prefixed("relic.", c::relicSettings);
                        TrainConfig.prefixed("relic.", () -> MethodCompatibility.requireMultiCrop(c.encoderSpec(),
                                c.multiCropViews()));
                    },
                    (c, source) -> new ReLicV2(c.encoderSpec(), c.relicSettings(), c.multiCropViews(), c.seed()),
                    c -> {
                        var views = c.multiCropViews();
                        var saliency = views.saliencyProb() > 0 ? new SaliencyMask() : null; // one per worker thread
                        return (src, idx, seed, b) -> PretextBatches.multiCrop(src, idx, views, saliency, seed, b);
                    }),
            MocoMethod.videoFrame(),
            MocoMethod.videoRegion(),
            MocoMethod.videoMixed(),
            new ImageMethod(PirlObjective.METHOD,
                    c -> {
                        TrainConfig.prefixed("pirl.", c::pirlSettings);
                        patchInput(PirlObjective.METHOD, c);
                        permutations(c);
                        if (c.data().kind().equals("synthetic") && c.data().images() <= c.batchSize()) {
                            throw new ConfigException("data.images: pirl's memory bank needs images outside the batch "
                                    + "for negatives; " + c.data().images() + " <= batchSize " + c.batchSize());
                        }
                    },
                    (c, source) -> new PirlObjective(c.encoderSpec(), c.patchGrid(), c.pirlSettings(),
                            Math.toIntExact(source.size()), c.seed()),
                    c -> {
                        var view = c.viewAugment(c.patch().size());
                        var jigsaw = new Jigsaw(c.patchGrid(), permutationSet(c));
                        return (src, idx, seed, b) -> PretextBatches.pirl(src, idx, view, jigsaw, seed, b);
                    }),
            new ImageMethod(RotationObjective.METHOD,
                    c -> {
                    },
                    (c, source) -> new RotationObjective(c.encoderSpec(), c.pretextSettings(), c.seed()),
                    c -> {
                        var task = new Rotation(c.model().inputSize());
                        return (src, idx, seed, b) -> PretextBatches.rotation(src, idx, task, b);
                    }),
            new ImageMethod(ExemplarObjective.METHOD,
                    c -> TrainConfig.prefixed("exemplar.", c::exemplarSettings),
                    (c, source) -> new ExemplarObjective(c.encoderSpec(), c.exemplarSettings(), c.seed()),
                    c -> {
                        var views = ExemplarViews.heavy(c.model().inputSize(), c.exemplar().views());
                        return (src, idx, seed, b) -> PretextBatches.exemplar(src, idx, views, seed, b);
                    }),
            new ImageMethod(RelativePatchLocationObjective.METHOD,
                    c -> {
                        patchInput(RelativePatchLocationObjective.METHOD, c);
                        if (c.patch().headHidden() < 1) {
                            throw new ConfigException("patch.headHidden: must be >= 1, got " + c.patch().headHidden());
                        }
                    },
                    (c, source) -> new RelativePatchLocationObjective(c.encoderSpec(), c.patchGrid(), c.patch().headHidden(),
                            c.pretextSettings(), c.seed()),
                    c -> {
                        var task = new RelativePatchLocation(c.patchGrid());
                        return (src, idx, seed, b) -> PretextBatches.relativePatchLocation(src, idx, task, seed, b);
                    }),
            new ImageMethod(JigsawObjective.METHOD,
                    c -> {
                        patchInput(JigsawObjective.METHOD, c);
                        permutations(c);
                    },
                    (c, source) -> new JigsawObjective(c.encoderSpec(), c.patchGrid(), permutationSet(c), c.pretextSettings(),
                            c.seed()),
                    c -> {
                        var task = new Jigsaw(c.patchGrid(), permutationSet(c));
                        return (src, idx, seed, b) -> PretextBatches.jigsaw(src, idx, task, seed, b);
                    }),
            new ImageMethod(SupervisedObjective.METHOD,
                    c -> {
                    },
                    (c, source) -> {
                        if (source.classNames().size() < 2) {
                            throw new ConfigException("data.path: method 'supervised' needs labelled images (a folder per "
                                    + "class, >= 2 classes); " + c.data().path() + " has " + source.classNames().size());
                        }
                        return new SupervisedObjective(c.encoderSpec(), source.classNames().size(), c.pretextSettings(),
                                c.seed());
                    },
                    c -> {
                        var view = c.viewAugment(c.model().inputSize());
                        return (src, idx, seed, b) -> PretextBatches.supervised(src, idx, view, seed, b);
                    })));

    private Methods() {
    }

    private static Map<String, TrainingMethod> index(List<TrainingMethod> methods) {
        Map<String, TrainingMethod> m = new LinkedHashMap<>();
        for (TrainingMethod t : methods) {
            if (m.put(t.name(), t) != null) {
                throw new IllegalStateException("method '" + t.name() + "' registered twice");
            }
        }
        return m;
    }

    /** Method names, in the order the README lists them. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    public static TrainingMethod require(String name) {
        TrainingMethod m = ALL.get(name);
        if (m == null) {
            throw new ConfigException("method: unknown '" + name + "' (known: " + String.join(", ", ALL.keySet()) + ")");
        }
        return m;
    }

    /** Patch methods: the encoder sees patches, so model.inputSize must be patch.size. */
    private static void patchInput(String method, TrainConfig c) {
        TrainConfig.prefixed("patch.", c::patchGrid);
        TrainConfig.prefixed("model.", () -> MethodCompatibility.requirePatchInput(method, c.encoderSpec(), c.patchGrid()));
    }

    private static void permutations(TrainConfig c) {
        int n = c.jigsaw().permutations();
        if (n < 2 || n > PermutationSet.MAX_SIZE) {
            throw new ConfigException("jigsaw.permutations: must be in [2, " + PermutationSet.MAX_SIZE + "], got " + n);
        }
    }

    /** The fixed permutation set (greedy max-min Hamming over 9!), derived from the run's seed. */
    private static PermutationSet permutationSet(TrainConfig c) {
        return PermutationSet.maximalHamming(c.jigsaw().permutations(), c.seed());
    }
}
