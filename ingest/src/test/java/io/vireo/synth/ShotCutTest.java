package io.vireo.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A cut changes the whole frame; inside a shot consecutive frames stay close. */
class ShotCutTest {

    private static final double CUT_MIN_DIFFERENCE = 30;
    private static final double WITHIN_SHOT_MAX_DIFFERENCE = 6;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void frameDifferenceIsLargeExactlyAtTheListedCuts(long seed) {
        SynthConfig config = SynthConfig.builder().width(160).height(120).fps(25).frames(150).seed(seed)
                .meanShotSeconds(1.2).build();

        SynthVideo video = SceneSynthesizer.render(config);

        List<Integer> cuts = video.truth().shotCuts();
        assertThat(cuts).hasSizeGreaterThanOrEqualTo(3);
        Set<Integer> cutSet = new HashSet<>(cuts);
        List<String> wrong = new ArrayList<>();
        for (int i = 1; i < config.frames(); i++) {
            double diff = Pixels.meanAbsDifference(video.frames().get(i - 1), video.frames().get(i));
            boolean isCut = cutSet.contains(i);
            if (isCut ? diff < CUT_MIN_DIFFERENCE : diff > WITHIN_SHOT_MAX_DIFFERENCE) {
                wrong.add(String.format("frame %d (cut=%s): %.2f", i, isCut, diff));
            }
            int shotBefore = video.truth().frames().get(i - 1).shot();
            assertThat(video.truth().frames().get(i).shot()).isEqualTo(isCut ? shotBefore + 1 : shotBefore);
        }
        assertThat(wrong).as("frame differences on the wrong side of the thresholds").isEmpty();
    }
}
