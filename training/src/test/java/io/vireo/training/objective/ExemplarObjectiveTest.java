package io.vireo.training.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vireo.training.augment.Batch;
import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.data.SyntheticShapesSource;
import io.vireo.training.loss.TripletLoss;
import io.vireo.training.model.HeadSpec;
import io.vireo.training.pretext.ExemplarViews;
import io.vireo.training.pretext.PretextBatches;

class ExemplarObjectiveTest {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    private static ExemplarObjective exemplar() {
        return new ExemplarObjective(ShortRuns.tiny(16), new ExemplarSettings(3, 0.5, new HeadSpec(32, 16),
                PretextSettings.defaults()), 5);
    }

    /** 6 images × 3 heavy views at 16 px. */
    private static Batch batch(long seed) {
        return PretextBatches.exemplar(new SyntheticShapesSource(32, 4, 32, 1, 3), PretextBatches.range(0, 6),
                ExemplarViews.heavy(16, 3), seed, 0);
    }

    @Test
    void stepLossIsTheBatchHardTripletLossOfTheEmbeddings() {
        Batch b = batch(9);
        assertThat(b.first().size(0)).isEqualTo(18);
        ExemplarObjective o = exemplar();
        // Training-mode BN, as in the step.
        double expected = TripletLoss.batchHard(o.encoder().outputSingle(true, b.first()), b.labels(), 0.5).loss();
        StepStats first = o.step(b, 0.05, 0);
        assertThat(first.loss()).isCloseTo(expected, within(1e-4 + 1e-3 * expected));
        assertThat(first.metrics()).containsKey("activeTriplets");
        // That the loss falls over a run: MethodsRunTest (through TrainingRun).
    }

    @Test
    void restoredStateContinuesIdentically() {
        ExemplarObjective a = exemplar();
        a.step(batch(1), 0.05, 0);
        ExemplarObjective b = exemplar();
        b.restore(a.state());
        assertThat(b.identity()).isEqualTo(a.identity()).containsEntry("method", "exemplar");
        Batch next = batch(2);
        assertThat(b.step(next, 0.05, 1).loss()).isCloseTo(a.step(next, 0.05, 1).loss(), within(1e-6));
        assertThat(b.encoder().params().sub(a.encoder().params()).amaxNumber().doubleValue()).isLessThan(1e-6);
    }
}
