package io.vireo.flink.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vireo.flink.record.DecodedFrame;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

// Flink's harnesses and MockEnvironment declare close() throws Exception; try-with-resources is still right.
@SuppressWarnings("try")
class FrameSamplerTest {

    private static KeyedOneInputStreamOperatorTestHarness<String, DecodedFrame, DecodedFrame> harness(double fps)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new FrameSampler(fps)),
                DecodedFrame::streamId, Types.STRING);
        h.open();
        return h;
    }

    private static DecodedFrame frame(String stream, long index, long ptsMicros) {
        return new DecodedFrame(stream, 0, index, ptsMicros, 1, 1, new byte[3]);
    }

    @Test
    void keepsTheTargetRateOnAJitteryClockWithoutDrift() throws Exception {
        try (var h = harness(10)) {
            // 29.97 fps for 10 s: 300 frames whose PTS never land on the 100 ms grid.
            for (long i = 0; i < 300; i++) {
                h.processElement(frame("a", i, Math.round(i * 1e6 / 29.97)), 0);
            }
            assertThat(h.extractOutputValues()).hasSize(100);
        }
    }

    @Test
    void streamsAreSampledIndependently() throws Exception {
        try (var h = harness(12.5)) {
            for (long i = 0; i < 10; i++) {
                h.processElement(frame("a", i, i * 40_000), 0);
                h.processElement(frame("b", i, 7 + i * 40_000), 0);
            }
            List<Long> a = h.extractOutputValues().stream().filter(f -> f.streamId().equals("a"))
                    .map(DecodedFrame::frameIndex).toList();
            List<Long> b = h.extractOutputValues().stream().filter(f -> f.streamId().equals("b"))
                    .map(DecodedFrame::frameIndex).toList();
            assertThat(a).containsExactly(0L, 2L, 4L, 6L, 8L);
            assertThat(b).containsExactly(0L, 2L, 4L, 6L, 8L);
        }
    }

    @Test
    void holeInTheStreamDoesNotShiftTheGridOrCauseABurst() throws Exception {
        try (var h = harness(12.5)) {
            LongStream.of(0, 1, 2, 3, 30, 31, 32, 33).forEach(i -> process(h, frame("a", i, i * 40_000)));
            assertThat(h.extractOutputValues()).extracting(DecodedFrame::frameIndex).containsExactly(0L, 2L, 30L, 32L);
        }
    }

    @Test
    void slowerSourcePassesUnchangedAndTimeGoingBackReanchors() throws Exception {
        try (var h = harness(50)) {
            LongStream.of(0, 1, 2).forEach(i -> process(h, frame("a", i, i * 100_000)));
            process(h, frame("a", 3, 5_000)); // the stream restarted under the same id
            process(h, frame("a", 4, 15_000));
            process(h, frame("a", 5, 25_000));
            assertThat(h.extractOutputValues()).extracting(DecodedFrame::frameIndex)
                    .containsExactly(0L, 1L, 2L, 3L, 5L);
        }
    }

    @Test
    void rejectsNonPositiveRate() {
        assertThatThrownBy(() -> new FrameSampler(0)).hasMessageContaining("fps must be > 0, got 0.0");
    }

    private static void process(KeyedOneInputStreamOperatorTestHarness<String, DecodedFrame, DecodedFrame> h,
                                DecodedFrame f) {
        try {
            h.processElement(f, 0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
