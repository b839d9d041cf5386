package io.vireo.training.objective;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vireo.training.augment.Batch;
import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.data.SyntheticShapesSource;
import io.vireo.training.pretext.PretextBatches;
import io.vireo.training.pretext.Rotation;

class StepTimingProbeTest {
    @BeforeAll
    static void backend() {
        System.out.println(TrainingBackend.initialise());
    }

    @Test
    void probe() {
        SyntheticShapesSource train = new SyntheticShapesSource(100_000, 6, 32, 1);
        Rotation task = new Rotation(32);
        RotationObjective o = new RotationObjective(ShortRuns.tiny(32), PretextSettings.defaults(), 3);
        for (int s = 0; s < 6; s++) {
            long t0 = System.nanoTime();
            Batch b = PretextBatches.rotation(train, PretextBatches.range(s * 16L, 16), task, s);
            long t1 = System.nanoTime();
            o.step(b, 0.05, s);
            long t2 = System.nanoTime();
            System.out.printf("data %.3f s, step %.3f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        }
    }
}
