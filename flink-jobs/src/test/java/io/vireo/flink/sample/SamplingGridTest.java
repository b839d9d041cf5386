package io.vireo.flink.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SamplingGridTest {

    /** Indices of the frames kept out of frames at {@code ptsMicros}, in order. */
    private static List<Integer> kept(SamplingGrid grid, long... ptsMicros) {
        List<Integer> kept = new ArrayList<>();
        SamplingGrid.Position position = null;
        for (int i = 0; i < ptsMicros.length; i++) {
            SamplingGrid.Position after = grid.keep(position, ptsMicros[i]);
            if (after != null) {
                position = after;
                kept.add(i);
            }
        }
        return kept;
    }

    @Test
    void keepsTheTargetRateOnAJitteryClockWithoutDrift() {
        // 29.97 fps for 10 s: 300 frames whose PTS never land on the 100 ms grid.
        long[] pts = LongStream.range(0, 300).map(i -> Math.round(i * 1e6 / 29.97)).toArray();
        assertThat(kept(SamplingGrid.fps(10), pts)).hasSize(100);
    }

    @Test
    void keepsEveryOtherFrameAtHalfTheRateWhateverTheAnchor() {
        long[] a = LongStream.range(0, 10).map(i -> i * 40_000).toArray();
        long[] b = LongStream.range(0, 10).map(i -> 7 + i * 40_000).toArray();
        assertThat(kept(SamplingGrid.fps(12.5), a)).containsExactly(0, 2, 4, 6, 8);
        assertThat(kept(SamplingGrid.fps(12.5), b)).containsExactly(0, 2, 4, 6, 8);
    }

    @Test
    void holeInTheStreamDoesNotShiftTheGridOrCauseABurst() {
        long[] pts = LongStream.of(0, 1, 2, 3, 30, 31, 32, 33).map(i -> i * 40_000).toArray();
        assertThat(kept(SamplingGrid.fps(12.5), pts)).containsExactly(0, 2, 4, 6);
    }

    @Test
    void slowerSourcePassesUnchangedAndTimeGoingBackReanchors() {
        // The stream restarts under the same id at 5 ms.
        assertThat(kept(SamplingGrid.fps(50), 0, 100_000, 200_000, 5_000, 15_000, 25_000))
                .containsExactly(0, 1, 2, 3, 5);
    }

    @Test
    void everyFrameKeepsAll() {
        assertThat(kept(SamplingGrid.everyFrame(), 0, 1, 1, 0, 5)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void runningFromAPositionKeepsWhatKeepKeeps() {
        SamplingGrid grid = SamplingGrid.fps(12.5);
        long[] pts = LongStream.of(0, 1, 2, 3, 30, 31, 32, 33, 5, 6).map(i -> i * 40_000).toArray();
        SamplingGrid.Position start = grid.keep(null, -80_000);
        List<Integer> expected = new ArrayList<>();
        List<Integer> running = new ArrayList<>();
        SamplingGrid.Position position = start;
        var guess = grid.runningFrom(start);
        for (int i = 0; i < pts.length; i++) {
            SamplingGrid.Position after = grid.keep(position, pts[i]);
            if (after != null) {
                position = after;
                expected.add(i);
            }
            if (guess.test(pts[i])) {
                running.add(i);
            }
        }
        assertThat(running).isEqualTo(expected).containsExactly(0, 2, 4, 6, 8);
    }

    @Test
    void rejectsNonPositiveRate() {
        assertThatThrownBy(() -> SamplingGrid.fps(0)).hasMessageContaining("fps must be > 0, got 0.0");
    }
}
