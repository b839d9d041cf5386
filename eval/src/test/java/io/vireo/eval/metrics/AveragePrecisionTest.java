package io.vireo.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AveragePrecisionTest {

    // Ranked: 0.9 (+), 0.8 (-), 0.7 (+), 0.6 (-), 0.5 (+); 3 positives.
    // Operating points (recall, precision): (1/3, 1), (1/3, 1/2), (2/3, 2/3), (2/3, 1/2), (1, 3/5).
    private static final double[] SCORES = {0.5, 0.9, 0.6, 0.8, 0.7};
    private static final boolean[] LABELS = {true, true, false, false, true};

    @Test
    void allPointIsTheAreaUnderTheMonotoneEnvelope() {
        // Envelope: recall 1/3 -> 1, recall 2/3 -> 2/3, recall 1 -> 3/5.
        double expected = (1.0 / 3) * 1 + (1.0 / 3) * (2.0 / 3) + (1.0 / 3) * (3.0 / 5);
        assertThat(AveragePrecision.allPoint(SCORES, LABELS)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void elevenPointAveragesTheBestPrecisionAtEachRecallLevel() {
        // r = 0, .1, .2, .3 -> 1; r = .4, .5, .6 -> 2/3; r = .7 ... 1 -> 3/5.
        double expected = (4 * 1 + 3 * (2.0 / 3) + 4 * (3.0 / 5)) / 11;
        assertThat(AveragePrecision.voc07ElevenPoint(SCORES, LABELS)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void tiedScoresFormOneOperatingPointWhateverTheirOrder() {
        // Two items tied at 0.8, one positive and one negative, then a positive at 0.3.
        double[] scores = {0.8, 0.8, 0.3};
        boolean[] negativeFirst = {false, true, true};
        boolean[] positiveFirst = {true, false, true};
        // Points: (1/2, 1/2) after the tie, (1, 2/3) at the end; envelope: 2/3 everywhere.
        double expected = 0.5 * (2.0 / 3) + 0.5 * (2.0 / 3);
        assertThat(AveragePrecision.allPoint(scores, negativeFirst)).isCloseTo(expected, within(1e-12));
        assertThat(AveragePrecision.allPoint(scores, positiveFirst)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void aPerfectRankingScoresOne() {
        assertThat(AveragePrecision.allPoint(new double[] {3, 2, 1}, new boolean[] {true, true, false})).isEqualTo(1.0);
        assertThat(AveragePrecision.voc07ElevenPoint(new double[] {3, 2, 1}, new boolean[] {true, true, false}))
                .isCloseTo(1.0, within(1e-12));
    }

    @Test
    void noPositivesIsAnError() {
        assertThatThrownBy(() -> AveragePrecision.allPoint(new double[] {1}, new boolean[] {false}))
                .hasMessageContaining("without positive");
    }
}
