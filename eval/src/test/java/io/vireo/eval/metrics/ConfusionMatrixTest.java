package io.vireo.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {

    @Test
    void meanIouAndPixelAccuracyIgnoreTheIgnoreLabel() {
        ConfusionMatrix matrix = new ConfusionMatrix(3, 255);
        int[] truth = {0, 0, 1, 1, 2, 255, 255};
        int[] predicted = {0, 1, 1, 1, 0, 2, 2};
        matrix.add(truth, predicted, "img-1");

        // class 0: TP 1, FN 1 (pred 1), FP 1 (from truth 2) -> 1/3
        // class 1: TP 2, FP 1 -> 2/3; class 2: TP 0, FN 1 -> 0 (ignored pixels predicted 2 do not count)
        assertThat(matrix.meanIou()).isCloseTo((1.0 / 3 + 2.0 / 3 + 0) / 3, within(1e-12));
        assertThat(matrix.pixelAccuracy()).isCloseTo(3.0 / 5, within(1e-12));
    }

    @Test
    void accumulatesAcrossImages() {
        ConfusionMatrix matrix = new ConfusionMatrix(2, -1);
        matrix.add(new int[] {0, 1}, new int[] {0, 0}, "a");
        matrix.add(new int[] {1, 1}, new int[] {1, 1}, "b");
        // class 0: TP 1, FP 1 -> 1/2; class 1: TP 2, FN 1 -> 2/3
        assertThat(matrix.meanIou()).isCloseTo((0.5 + 2.0 / 3) / 2, within(1e-12));
    }

    @Test
    void aLabelOutsideTheClassRangeNamesTheImage() {
        ConfusionMatrix matrix = new ConfusionMatrix(150, 255);
        assertThatThrownBy(() -> matrix.add(new int[] {3, 151}, new int[] {3, 3}, "ADE_val_00000001.png"))
                .hasMessageContaining("ADE_val_00000001.png").hasMessageContaining("label 151");
    }
}
