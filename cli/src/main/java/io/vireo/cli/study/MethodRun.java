package io.vireo.cli.study;

import io.vireo.eval.encoder.Encoder;
import io.vireo.eval.encoder.FeatureExtractor;
import io.vireo.eval.probe.KnnConfig;
import io.vireo.eval.probe.LinearProbeConfig;
import io.vireo.eval.probe.ProbeResult;
import io.vireo.eval.report.MetricsLog;
import io.vireo.eval.report.ModelResults;
import io.vireo.eval.ris.RisEvaluation;
import io.vireo.eval.ris.RisResult;
import io.vireo.eval.ris.SynthSets;
import io.vireo.eval.ris.TrackSets;
import io.vireo.eval.tasks.SynthObjectClassification;
import io.vireo.training.ProgressListener;
import io.vireo.training.TrainingResult;
import io.vireo.training.TrainingRun;
import io.vireo.training.config.TrainConfig;
import io.vireo.training.data.ParquetPairStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One method of a study run: train it on a dataset's pairs (video methods) or frames (image
 * baselines) with the study's budget, then evaluate its online encoder: linear and kNN probes on
 * synthetic object classes, RIS per factor on the synthetic world's single-factor sets, and RIS over
 * the instances the region-tracked pairs followed.
 */
public final class MethodRun {

    private static final int FEATURE_BATCH = 64;
    private static final int RIS_RENDER_SIZE = 96;

    private MethodRun() {
    }

    /** Video methods learn from the pairs; every other method from the frames, augmented twice. */
    static boolean usesPairs(String method) {
        return method.startsWith("video-");
    }

    /** Every method's training settings, checked against the budget before any video is touched. */
    public static void checkSettings(StudyConfig config, Path dir) {
        VideoPairs.Data unlimited = new VideoPairs.Data("any", config.seeds().get(0), dir, dir, 0, Long.MAX_VALUE,
                Long.MAX_VALUE, Long.MAX_VALUE);
        for (String method : config.methods()) {
            try {
                trainConfig(method, unlimited, config.train(), dir);
            } catch (IllegalArgumentException | io.vireo.training.config.ConfigException e) {
                throw new IllegalArgumentException("methods: '" + method + "' with the training settings: " + e.getMessage(), e);
            }
        }
    }

    /** The training config of {@code method} on {@code data}: the study's budget, the same for every method. */
    static TrainConfig trainConfig(String method, VideoPairs.Data data, StudyConfig.Train budget, Path dir) {
        List<String> overrides = new ArrayList<>();
        overrides.add("method=" + method);
        overrides.add("seed=" + data.seed());
        overrides.add("steps=" + budget.steps());
        if (usesPairs(method)) {
            overrides.add("data.kind=parquet");
            overrides.add("data.path=" + data.shards());
        } else {
            overrides.add("data.kind=image-folder");
            overrides.add("data.path=" + data.frames());
        }
        overrides.add("output.dir=" + dir);
        overrides.add("output.checkpointEvery=0");
        budget.set().forEach((k, v) -> overrides.add(k + "=" + v));
        String warmup = budget.set().get("optim.warmupSteps");
        if (warmup != null && warmup.matches("\\d+") && Long.parseLong(warmup) > budget.steps()) {
            overrides.add("optim.warmupSteps=" + budget.steps()); // a budget shorter than the warmup is all warmup
        }
        TrainConfig config = TrainConfig.parse("", "study train settings", overrides);
        long examples = data.examplesFor(method);
        if (examples < config.batchSize()) {
            throw new IllegalArgumentException(method + " has " + examples + " examples in " + data.dataset() + " (seed "
                    + data.seed() + "), fewer than one batch (" + config.batchSize() + "): render more or longer videos"
                    + (method.equals("video-region") ? ", or relax the pair builder's region checks (pairs: "
                    + "min-redetection-iou, proposal-min-textured)" : "") + ", or train with a smaller batch");
        }
        if (config.moco().queueSize() > examples) {
            // A queue longer than the data holds every example's own key as a negative. The study keeps
            // batch and steps (the compute) equal and shortens the queue where the data is short.
            overrides.add("moco.queueSize=" + examples);
            config = TrainConfig.parse("", "study train settings", overrides);
        }
        return config;
    }

    public static ModelResults trainAndEvaluate(String method, VideoPairs.Data data, StudyConfig config, Path dir,
                                                StudyPrinter out) throws InterruptedException {
        TrainConfig train = trainConfig(method, data, config.train(), dir);
        out.step("training %s for %d steps (batch %d, %s x%s at %d px)", method, train.steps(), train.batchSize(),
                train.model().arch(), train.model().width(), train.model().inputSize());
        long every = Math.max(1, train.steps() / 5);
        TrainingResult trained = TrainingRun.run(train, new ProgressListener() {
            @Override
            public void onStep(io.vireo.training.Progress p) {
                if (p.step() % every == 0) {
                    out.step("  %s step %d/%d loss %.4f, %.1f img/s", method, p.step(), p.totalSteps(), p.loss(),
                            p.imagesPerSecond());
                }
            }
        });
        Encoder encoder = new Encoder(trained.objective().encoder(), train.encoderSpec(), trained.checkpoint().toString(),
                train.steps());
        return evaluate(method, encoder, data, config, trained.metricsLog(), out);
    }

    static ModelResults evaluate(String name, Encoder encoder, VideoPairs.Data data, StudyConfig config, Path metricsLog,
                                 StudyPrinter out) {
        FeatureExtractor x = new FeatureExtractor(encoder, FEATURE_BATCH);
        ModelResults results = ModelResults.empty(name, encoder.origin(), encoder.step());
        StudyConfig.Eval eval = config.eval();
        Map<String, ProbeResult> probes = SynthObjectClassification.evaluate(x, new SynthObjectClassification.Settings(
                eval.probeImagesPerClass(), 0.25, eval.probeRenderSize(), data.seed()), LinearProbeConfig.defaults(),
                KnnConfig.defaults());
        for (Map.Entry<String, ProbeResult> p : probes.entrySet()) {
            results = results.withProbe(p.getKey(), p.getValue());
        }
        SynthSets.Settings sets = new SynthSets.Settings(eval.risInstancesPerClass(), eval.risConditions(), RIS_RENDER_SIZE,
                data.seed());
        for (String factor : eval.risFactors()) {
            results = results.withRis(RisEvaluation.evaluate(x, SynthSets.build(factor, sets)));
        }
        if (data.regionPairs() > 0) {
            try {
                results = results.withRis(RisEvaluation.evaluate(x, TrackSets.fromPairs(ParquetPairStream.readAll(data.shards()))));
            } catch (IllegalArgumentException tooFew) {
                out.step("  no tracked-instance RIS: %s", tooFew.getMessage());
            }
        }
        if (metricsLog != null) {
            results = results.withCurve(MetricsLog.read(metricsLog));
        }
        ProbeResult linear = probes.get(SynthObjectClassification.TASK + "/linear");
        RisResult viewpoint = results.ris().stream().filter(r -> r.factor().equals("viewpoint")).findFirst().orElse(null);
        out.step("  %s: linear probe %.1f %%, kNN %.1f %%%s", name, 100 * linear.top1(),
                100 * probes.get(SynthObjectClassification.TASK + "/knn").top1(),
                viewpoint == null ? "" : String.format(java.util.Locale.ROOT, ", RIS@10 viewpoint %.2f", viewpoint.ris10()));
        return results;
    }
}
