package io.vireo.training.objective;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vireo.training.augment.Batch;
import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.data.SyntheticShapesSource;
import io.vireo.training.data.SyntheticShapesSource.Layout;
import io.vireo.training.optim.LearningRateSchedule;
import io.vireo.training.pretext.PatchGrid;
import io.vireo.training.pretext.PretextBatches;
import io.vireo.training.pretext.RelativePatchLocation;

class RelativePatchLocationObjectiveTest {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    /**
     * Relative location is only learnable where a patch shows something that depends on where it is. With
     * the default (scattered, small) shapes most cells are flat background, and 100 steps stayed at chance
     * (held-out 0.129). Large centred shapes span the grid, as objects do in photographs, so each neighbour
     * cell shows a corner, an edge or an arc that places it. The learning rate decays to 0 (cosine) so that
     * the BN running statistics the held-out evaluation uses have caught up with the weights: at a constant
     * rate, held-out accuracy lagged training accuracy by 10–20 steps (0.13 vs 0.42 in training at step 30).
     */
    @Test
    void shortRunLowersTheLossAndLocatesHeldOutPatchesAboveChance() {
        // 36 px images → 3×3 cells of 12 px, 10 px patches (2 px of gap/jitter).
        SyntheticShapesSource train = new SyntheticShapesSource(100_000, 6, 36, 1, Layout.CENTRED_LARGE, 1);
        SyntheticShapesSource heldOut = new SyntheticShapesSource(100_000, 6, 36, 1, Layout.CENTRED_LARGE, 2);
        RelativePatchLocation task = new RelativePatchLocation(new PatchGrid(12, 10));
        RelativePatchLocationObjective o = new RelativePatchLocationObjective(ShortRuns.tiny(10), task.grid(), 256,
                PretextSettings.defaults(), 3);
        int n = 32, steps = 50;
        List<Double> losses = ShortRuns.run(o,
                s -> PretextBatches.relativePatchLocation(train, PretextBatches.range(s * n, n), task, 7, s),
                new LearningRateSchedule(0.05, 5, steps, 0));
        Batch test = PretextBatches.relativePatchLocation(heldOut, PretextBatches.range(0, 256), task, 8, 0);
        double acc = ShortRuns.accuracy(o.predict(test), test.labels());
        double first = ShortRuns.mean(losses, 0, 10), last = ShortRuns.mean(losses, steps - 10, steps);
        System.out.printf("relative-patch-location: loss %.3f -> %.3f (ln 8 = %.3f); held-out accuracy %.3f on %d (chance 0.125)%n",
                first, last, Math.log(8), acc, test.labels().length);
        assertThat(last).isLessThan(first - 0.1);
        assertThat(acc).isGreaterThan(0.2);
    }
}
