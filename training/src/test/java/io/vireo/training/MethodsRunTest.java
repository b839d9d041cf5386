package io.vireo.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vireo.training.checkpoint.CheckpointStore;
import io.vireo.training.config.ConfigException;
import io.vireo.training.config.TrainConfig;
import io.vireo.training.data.PairShards;

/**
 * Every method through {@link TrainingRun}, as {@code vireo train --method NAME} runs it: a short run on
 * synthetic scenes (images, or Parquet pair shards of both kinds for the MoCo family) lowers the loss,
 * and a stop + resume continues it exactly. Tiny settings (ResNet-18 ×0.25 at 16 px on 32 px images, 12 px
 * patches, batch 8, 16 steps, 24 for the MoCo family) keep each method to 19 or 27 steps. Learning rates and
 * a few method settings differ from the defaults where a 16-step run needs it (comments in {@link #settings}).
 *
 * <p>One run per method serves both checks: steps 0–2 (stop), 2–3 (resume), 3–end (resume) make the
 * trajectory the loss trend is read from, and a straight 3-step run in another directory must equal
 * steps 0–3 of it.
 */
class MethodsRunTest {
    private static final int STEPS = 16;
    private static final int WINDOW = 4;
    /**
     * MoCo's loss hovers near ln(queue + 1) in a short run and falls slowly; its methods run longer. Its queue also
     * starts as random unit vectors, easier negatives than real keys, so the loss first rises while the queue fills
     * (32 keys / 8 per step): the first window starts after that.
     */
    private static final int MOCO_STEPS = 24;
    private static final int MOCO_WINDOW = 6;
    private static final int MOCO_QUEUE_FILL = 4;

    @TempDir
    static Path shared;
    static Path shards;

    @BeforeAll
    static void pairShards() throws Exception {
        shards = shared.resolve("shards");
        // 3 shards of scene pairs; every third pair is region-tracked.
        for (int s = 0; s < 3; s++) {
            PairShards.writeScenes(shards.resolve("2026-11-25--07").resolve("pairs-" + s + ".parquet"), s * 40, s * 40 + 40,
                    32, i -> i % 3 == 0);
        }
    }

    /** Settings per method: what it needs beyond the tiny defaults below. */
    private static List<String> settings(String method) {
        return switch (method) {
            // moco-v2 reads pair records too; on single synthetic images its loss did not fall within 24 steps
            // (measured 3.39 -> 3.46 with the full palette: see training/README.md, Known gaps, on MoCo and
            // synthetic shapes), while the scene pairs' two views give it positives it can learn in a short run.
            case "moco-v2" -> concat(moco(), "data.kind=parquet", "data.path=" + shards);
            case "video-frame", "video-region", "video-mixed" -> concat(moco(), "data.kind=parquet", "data.path=" + shards,
                    "video.regionShare=0.4");
            // A near-frozen random target (γ 0.996) hardly tells the images of a batch apart, so over 16 steps the loss
            // stays at ln 8 (measured: 2.19 -> 2.25 with γ₀ 0.99, τ 0.2); a target that follows faster and a sharper
            // softmax give the online network something to learn within the run.
            case "relic-v2" -> List.of("model.inputSize=16", "relic.smallCrops=2", "relic.headHidden=64", "relic.headOut=32",
                    "relic.emaBase=0.9", "relic.temperature=0.1", "optim.lr=0.1");
            // With the paper's bank momentum 0.5 the rows of the images already seen collapse towards the young
            // network's near-identical outputs within the first epoch, so negatives look like positives and the loss
            // rises (measured 7.8 -> 64 over 16 steps; also with 24 images); momentum 0.9 keeps the bank near its
            // random start for the short run, so the run measures the network learning to match it.
            case "pirl" -> concat(patches(), "pirl.negatives=64", "pirl.dim=32", "pirl.bankMomentum=0.9", "optim.lr=0.05");
            case "rotation" -> List.of("model.inputSize=16", "optim.lr=0.05");
            case "exemplar" -> List.of("model.inputSize=16", "exemplar.views=3", "exemplar.headHidden=64", "exemplar.headOut=32",
                    "exemplar.margin=0.5", "optim.lr=0.05");
            // The classifier heads sit on 2–9 concatenated feature vectors: at lr 0.05 their loss spikes to 5–20
            // (jigsaw, RPL); lower rates keep the runs smooth.
            case "relative-patch-location" -> concat(patches(), "data.classes=2", "patch.headHidden=64", "optim.lr=0.01");
            case "jigsaw" -> concat(patches(), "jigsaw.permutations=8", "optim.lr=0.005");
            // At lr 0.005 the loss of 16 steps of 8 images stays in its noise (with the few-pass batch norm, whose float
            // sums differ in the last bits: 1.878 -> 1.906); 0.02 measured 2.099 -> 1.800.
            case "supervised" -> List.of("model.inputSize=16", "optim.lr=0.02");
            default -> throw new AssertionError(method);
        };
    }

    private static boolean moco(String method) {
        return method.equals("moco-v2") || method.startsWith("video-");
    }

    private static int steps(String method) {
        return moco(method) ? MOCO_STEPS : STEPS;
    }

    private static List<String> moco() {
        return List.of("model.inputSize=16", "moco.queueSize=32", "moco.headHidden=64", "moco.headOut=32", "moco.bnGroups=2",
                "moco.momentum=0.99", "optim.lr=0.05");
    }

    /** 12 px patches in 14 px cells: the image is resized to 42 px, patches jitter by up to 2 px. */
    private static List<String> patches() {
        return List.of("model.inputSize=12", "patch.size=12", "patch.cell=14");
    }

    static TrainConfig config(String method, Path out, String... extra) {
        List<String> o = new ArrayList<>(List.of("method=" + method,
                "data.images=96", "data.classes=4", "data.imageSize=32",
                "model.width=0.25", "batchSize=8", "steps=" + steps(method), "optim.warmupSteps=0", "prefetch=2",
                "output.dir=" + out, "output.checkpointEvery=0"));
        o.addAll(settings(method));
        o.addAll(List.of(extra));
        return TrainConfig.parse("", "test", o);
    }

    @ParameterizedTest
    @ValueSource(strings = {"moco-v2", "relic-v2", "video-frame", "video-region", "video-mixed", "pirl", "rotation",
            "exemplar", "relative-patch-location", "jigsaw", "supervised"})
    void shortRunLowersTheLossAndResumesExactly(String method, @TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        TrainingResult a = TrainingRun.run(config(method, run, "stopAfterSteps=2"), ProgressListener.NONE);
        TrainingResult b = TrainingRun.run(config(method, run, "stopAfterSteps=3"), ProgressListener.NONE);
        assertThat(b.firstStep()).isEqualTo(2);
        assertThat(CheckpointStore.read(b.checkpoint()).meta().identity()).containsEntry("method", method);
        TrainingResult straight = TrainingRun.run(config(method, dir.resolve("straight"), "stopAfterSteps=3",
                "output.resume=false"), ProgressListener.NONE);
        List<Double> losses = new ArrayList<>(a.losses());
        losses.addAll(b.losses());
        for (int i = 0; i < 3; i++) {
            assertThat(losses.get(i)).as("%s: loss at step %d, resumed vs straight", method, i)
                    .isCloseTo(straight.losses().get(i), within(1e-4));
        }
        assertThat(b.objective().encoder().params().sub(straight.objective().encoder().params()).amaxNumber().doubleValue())
                .as("%s: weights after 3 steps, resumed vs straight", method).isLessThan(1e-4);

        TrainingResult rest = TrainingRun.run(config(method, run), ProgressListener.NONE);
        losses.addAll(rest.losses());
        int steps = steps(method);
        assertThat(losses).hasSize(steps);
        assertThat(Files.readAllLines(run.resolve(TrainingRun.METRICS))).hasSize(steps);
        int window = moco(method) ? MOCO_WINDOW : WINDOW;
        int from = moco(method) ? MOCO_QUEUE_FILL : 0;
        double first = mean(losses.subList(from, from + window));
        double last = mean(losses.subList(steps - window, steps));
        System.out.printf("%s: loss %.4f (steps %d-%d) -> %.4f (last %d)%n", method, first, from + 1, from + window, last,
                window);
        assertThat(last).as("%s: mean loss of the last %d steps vs steps %d-%d; all: %s", method, window, from + 1,
                from + window, losses).isLessThan(first);
    }

    @ParameterizedTest
    @ValueSource(strings = {"relic-v2", "rotation"})
    void aCheckpointOfAnotherMethodIsRefusedNamingTheMethod(String other, @TempDir Path dir) throws Exception {
        TrainingRun.run(config("supervised", dir, "stopAfterSteps=1"), ProgressListener.NONE);
        assertThatThrownBy(() -> TrainingRun.run(config(other, dir, "stopAfterSteps=2"), ProgressListener.NONE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'method' is supervised in the checkpoint but "
                        + other).hasMessageContaining(TrainingRun.CHECKPOINT);
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }

}
