package io.vireo.training.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.augment.Batch;
import io.vireo.training.augment.MocoV2Augment;
import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.data.SyntheticShapesSource;
import io.vireo.training.pretext.Jigsaw;
import io.vireo.training.pretext.PatchGrid;
import io.vireo.training.pretext.PermutationSet;
import io.vireo.training.pretext.PretextBatches;

class PirlObjectiveTest {
    private static final PatchGrid GRID = new PatchGrid(12, 12);
    private static final SyntheticShapesSource SOURCE = new SyntheticShapesSource(40, 4, 36, 1, 3);

    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    private static PirlObjective pirl() {
        return new PirlObjective(ShortRuns.tiny(12), GRID, new PirlSettings(0.07, 0.5, 0.5, 16, 16, PretextSettings.defaults()),
                40, 5);
    }

    /** Images from {@code from}: N originals and 9N jigsaw tiles at 12 px, labels = dataset rows. */
    private static Batch batch(long from, long seed) {
        return PretextBatches.pirl(SOURCE, PretextBatches.range(from, 6), MocoV2Augment.mocoV2(12),
                new Jigsaw(GRID, PermutationSet.maximalHamming(10, 1)), seed, 0);
    }

    @Test
    void stepUpdatesOnlyTheBatchRowsOfTheBankAndKeepsTheNceConstant() {
        PirlObjective o = pirl();
        Batch b = batch(4, 7);
        INDArray before = o.memoryBank().entries().dup();
        StepStats first = o.step(b, 0.05, 0);
        INDArray after = o.memoryBank().entries();
        for (int row = 0; row < 40; row++) {
            double moved = after.getRow(row).sub(before.getRow(row)).norm2Number().doubleValue();
            if (row >= 4 && row < 10) {
                assertThat(moved).as("batch row %d moves towards its image's embedding", row).isGreaterThan(1e-3);
            } else {
                assertThat(moved).as("row %d is not in the batch", row).isZero();
            }
            assertThat(after.getRow(row).norm2Number().doubleValue()).isCloseTo(1.0, within(1e-5));
        }
        double c = first.metrics().get("nceConstant");
        assertThat(c).isPositive();

        assertThat(o.step(batch(20, 8), 0.05, 1).metrics().get("nceConstant")).as("estimated once, then fixed").isEqualTo(c);
        // That the loss falls over a run: MethodsRunTest (through TrainingRun).
    }

    @Test
    void restoredStateContinuesIdentically() {
        PirlObjective a = pirl();
        a.step(batch(0, 1), 0.05, 0);
        PirlObjective b = pirl();
        b.restore(a.state());
        assertThat(b.identity()).isEqualTo(a.identity()).containsEntry("method", "pirl");
        Batch next = batch(10, 2);
        StepStats sa = a.step(next, 0.05, 1);
        StepStats sb = b.step(next, 0.05, 1);
        assertThat(sb.loss()).isCloseTo(sa.loss(), within(1e-6));
        assertThat(sb.metrics().get("nceConstant")).isEqualTo(sa.metrics().get("nceConstant"));
        assertThat(b.memoryBank().entries().sub(a.memoryBank().entries()).amaxNumber().doubleValue()).isLessThan(1e-6);
        assertThat(b.encoder().params().sub(a.encoder().params()).amaxNumber().doubleValue()).isLessThan(1e-6);
    }
}
