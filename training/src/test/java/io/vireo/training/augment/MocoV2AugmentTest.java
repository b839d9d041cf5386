package io.vireo.training.augment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.data.ShuffledImageStream;
import io.vireo.training.data.SyntheticShapesSource;

class MocoV2AugmentTest {
    @Test
    void sameSeedSameViewDifferentSeedDifferentView() {
        SyntheticShapesSource src = new SyntheticShapesSource(10, 4, 48, 1);
        MocoV2Augment aug = MocoV2Augment.mocoV2(32);
        float[] a = aug.apply(src.read(3).image(), new SplittableRandom(7));
        float[] b = aug.apply(src.read(3).image(), new SplittableRandom(7));
        float[] c = aug.apply(src.read(3).image(), new SplittableRandom(8));
        assertThat(a).hasSize(3 * 32 * 32);
        assertThat(a).containsExactly(b);
        assertThat(Arrays.equals(a, c)).isFalse();
        // Normalised with ImageNet statistics: values span roughly [-2.1, 2.7].
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float v : a) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isGreaterThanOrEqualTo(-2.2f);
        assertThat(max).isLessThanOrEqualTo(2.7f);
    }

    @Test
    void pipelineIsDeterministicAndResumable() throws Exception {
        TrainingBackend.initialise();
        MocoV2Augment aug = MocoV2Augment.mocoV2(32);
        Batch third;
        try (BatchPipeline p = new BatchPipeline(new ShuffledImageStream(new SyntheticShapesSource(20, 4, 40, 2), 9), aug, 8, 5, 0, 2)) {
            p.take();
            Batch second = p.take();
            third = p.take();
            // Resume from the position after batch 1: batch 2 must come out identical.
            ShuffledImageStream s = new ShuffledImageStream(new SyntheticShapesSource(20, 4, 40, 2), 9);
            s.seek(second.positionAfter());
            try (BatchPipeline resumed = new BatchPipeline(s, aug, 8, 5, 2, 2)) {
                Batch again = resumed.take();
                assertThat(again.index()).isEqualTo(2);
                assertThat(again.first()).isEqualTo(third.first());
                assertThat(again.second()).isEqualTo(third.second());
                assertThat(again.labels()).containsExactly(third.labels());
            }
        }
        assertThat(third.first()).isNotEqualTo(third.second());
    }
}
