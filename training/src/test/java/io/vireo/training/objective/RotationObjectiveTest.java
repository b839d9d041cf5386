package io.vireo.training.objective;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vireo.training.augment.Batch;
import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.data.SyntheticShapesSource;
import io.vireo.training.pretext.PretextBatches;
import io.vireo.training.pretext.Rotation;

class RotationObjectiveTest {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    /**
     * Rotation is only defined for shapes that are not 90°-symmetric: circles, rings, squares and
     * crosses look the same at every rotation (their label cannot be predicted, whatever the encoder
     * learns). The run uses triangles (4 distinguishable rotations) and bars (0° ≡ 180°, 90° ≡ 270°):
     * chance 0.25; about 0.75 if bars were exactly 180°-symmetric (their rasterisation is not quite).
     */
    static long[] orientedShapes(long from, int n) {
        long[] out = new long[n];
        long i = from;
        for (int k = 0; k < n; i++) {
            if (i % 6 == 2 || i % 6 == 5) {   // triangle, bar (SyntheticShapesSource: label = index % classes)
                out[k++] = i;
            }
        }
        return out;
    }

    @Test
    void shortRunLowersTheLossAndPredictsHeldOutRotationsWellAboveChance() {
        SyntheticShapesSource train = new SyntheticShapesSource(100_000, 6, 32, 1);
        SyntheticShapesSource heldOut = new SyntheticShapesSource(100_000, 6, 32, 2);
        Rotation task = new Rotation(32);
        RotationObjective o = new RotationObjective(ShortRuns.tiny(32), PretextSettings.defaults(), 3);
        int perBatch = 16;  // × 4 rotations = 64 images of 32 px per step
        List<Double> losses = ShortRuns.run(o,
                s -> PretextBatches.rotation(train, orientedShapes(s * perBatch * 3L, perBatch), task, s), 150, 0.05);

        Batch test = PretextBatches.rotation(heldOut, orientedShapes(0, 64), task, 0);
        double acc = ShortRuns.accuracy(o.predict(test), test.labels());
        double first = ShortRuns.mean(losses, 0, 10), last = ShortRuns.mean(losses, 140, 150);
        System.out.printf("rotation: loss %.3f -> %.3f (ln 4 = %.3f); held-out accuracy %.3f on %d images (chance 0.25)%n",
                first, last, Math.log(4), acc, test.labels().length);
        assertThat(last).isLessThan(first - 0.2);
        assertThat(acc).isGreaterThan(0.45);
    }
}
