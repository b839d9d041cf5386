package io.vireo.training.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import io.vireo.training.augment.Batch;
import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.data.SyntheticShapesSource;
import io.vireo.training.loss.ReLicV2Loss;
import io.vireo.training.model.HeadSpec;
import io.vireo.training.pretext.MultiCropViews;
import io.vireo.training.pretext.PretextBatches;
import io.vireo.training.pretext.SaliencyMask;

class ReLicV2Test {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    static ReLicV2Settings settings(long steps) {
        return new ReLicV2Settings(0.2, 1.0, 0.996, steps, new HeadSpec(64, 32), 0.9, 1e-4);
    }

    static List<INDArray> views(INDArray stacked, int v) {
        long n = stacked.size(0) / v;
        List<INDArray> out = new ArrayList<>();
        for (int i = 0; i < v; i++) {
            out.add(stacked.get(NDArrayIndex.interval(i * n, (i + 1) * n), NDArrayIndex.all()).dup());
        }
        return out;
    }

    @Test
    void stepComputesTheMultiCropLossOverLargeAndSmallPassesAndEmaUpdatesTheTarget() {
        SyntheticShapesSource src = new SyntheticShapesSource(64, 6, 32, 1);
        MultiCropViews mc = new MultiCropViews(2, 2, 32, 16, 0.14, 1, 0.05, 0.14, 0.1);
        Batch b = PretextBatches.multiCrop(src, PretextBatches.range(0, 8), mc, new SaliencyMask(), 5, 0);
        assertThat(b.first().shape()).containsExactly(16, 3, 32, 32);
        assertThat(b.second().shape()).containsExactly(16, 3, 16, 16);
        ReLicV2 relic = new ReLicV2(ShortRuns.tiny(32), settings(100), mc, 3);

        // Expected: the paper's aggregation on the networks' outputs before the step (training-mode BN
        // per pass, as in the step), computed with the loss function directly.
        List<INDArray> ol = views(relic.encoder().outputSingle(true, b.first()), 2);
        List<INDArray> os = views(relic.encoder().outputSingle(true, b.second()), 2);
        List<INDArray> tl = new ArrayList<>();
        for (INDArray v : views4d(b.first(), 2)) {
            tl.add(relic.targetNetwork().outputSingle(true, v));
        }
        double expected = ReLicV2Loss.multiCrop(ol, os, tl, 0.2, 1.0).loss();
        INDArray targetBefore = relic.targetNetwork().params().dup();

        StepStats stats = relic.step(b, 0.05, 0);
        assertThat(stats.loss()).isCloseTo(expected, within(1e-3 * expected));
        assertThat(stats.metrics()).containsKeys("contrastive", "kl", "accuracy", "ema");
        // target ← 0.996·target + 0.004·online (after the online update)
        INDArray expectedTarget = targetBefore.mul(0.996).addi(relic.encoder().params().mul(0.004));
        assertThat(relic.targetNetwork().params().sub(expectedTarget).amaxNumber().doubleValue()).isLessThan(1e-6);
        assertThat(relic.targetNetwork().params().sub(targetBefore).amaxNumber().doubleValue()).isGreaterThan(0);
    }

    static List<INDArray> views4d(INDArray stacked, int v) {
        long n = stacked.size(0) / v;
        List<INDArray> out = new ArrayList<>();
        for (int i = 0; i < v; i++) {
            out.add(stacked.get(NDArrayIndex.interval(i * n, (i + 1) * n), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all()).dup());
        }
        return out;
    }

    /**
     * Exact-colour images (colours = 1): with the palette, colour pairs identify instances and the loss can
     * fall without any shape being learned. γ₀ 0.99 instead of the paper's 0.996: 0.996 is a time constant of
     * 250 steps, so over a 100-step run the target stays at its random initialisation. Over the run the
     * contrastive term falls (2.69 → 2.24) while the KL term rises from its near-zero start (online = target
     * at step 0), so the total falls less (2.80 → 2.64; with other float rounding in the convolutions 2.81 →
     * 2.58): the contrastive term is held to a fall of 0.3, the total to 0.1. A fixed repeated batch (target
     * frozen) goes 2.57 → 1.84 in 20 steps: the gradient reaches the network.
     */
    @Test
    void shortRunOnSyntheticShapesLowersTheLoss() {
        SyntheticShapesSource src = new SyntheticShapesSource(256, 6, 32, 1, 1);
        MultiCropViews mc = new MultiCropViews(2, 2, 16, 8, 0.3, 1, 0.1, 0.3, 0.1);
        SaliencyMask saliency = new SaliencyMask();
        int steps = 100, n = 16;
        ReLicV2 relic = new ReLicV2(ShortRuns.tiny(16), new ReLicV2Settings(0.2, 1.0, 0.99, steps, new HeadSpec(64, 32), 0.9, 1e-4),
                mc, 3);
        List<Double> losses = new ArrayList<>();
        List<Double> contrastive = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            StepStats stats = relic.step(PretextBatches.multiCrop(src, PretextBatches.range((s * n) % 256, n), mc, saliency,
                    11, s), 0.05, s);
            losses.add(stats.loss());
            contrastive.add(stats.metrics().get("contrastive"));
        }
        double first = ShortRuns.mean(losses, 0, 10), last = ShortRuns.mean(losses, steps - 10, steps);
        double firstContrastive = ShortRuns.mean(contrastive, 0, 10);
        double lastContrastive = ShortRuns.mean(contrastive, steps - 10, steps);
        System.out.printf("relic-v2: loss %.3f -> %.3f, contrastive %.3f -> %.3f over %d steps (batch %d, 2 large 16 px"
                + " + 2 small 8 px; ln %d = %.3f)%n", first, last, firstContrastive, lastContrastive, steps, n, n, Math.log(n));
        assertThat(lastContrastive).isLessThan(firstContrastive - 0.3);
        assertThat(last).isLessThan(first - 0.1);
    }
}
