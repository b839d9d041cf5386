package io.vireo.flink.shot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vireo.flink.record.DecodedFrame;
import io.vireo.flink.record.ShotFrame;
import io.vireo.flink.testing.MetricsCapture;
import io.vireo.flink.testing.TestFrames;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try")
class ShotCutDetectorTest {

    private static final int W = 160;
    private static final int H = 120;
    private static final long FRAME_US = 100_000;

    private static KeyedOneInputStreamOperatorTestHarness<String, DecodedFrame, ShotFrame> harness(
            MockEnvironment env) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ShotCutDetector(0.4)), DecodedFrame::streamId, Types.STRING, env);
        h.open();
        return h;
    }

    @Test
    void hardCutIsDetectedExactlyWhereItIsAndSlowMotionIsNot() throws Exception {
        MetricsCapture metrics = new MetricsCapture();
        try (MockEnvironment env = metrics.environment(); var h = harness(env)) {
            // 20 frames of scene A (slow pan, moving square), then a hard cut to 10 frames of scene B.
            for (long t = 0; t < 30; t++) {
                TestFrames.Painter p = t < 20 ? TestFrames.sceneA(t, 2, 3) : TestFrames.sceneB(t);
                h.processElement(TestFrames.frame("s", t, t * FRAME_US, W, H, p), 0);
            }
            List<ShotFrame> out = h.extractOutputValues();
            assertThat(out).hasSize(30);
            assertThat(out.subList(0, 20)).extracting(ShotFrame::shot).containsOnly(0L);
            assertThat(out.subList(20, 30)).extracting(ShotFrame::shot).containsOnly(1L);
            assertThat(metrics.count("shotCuts")).isEqualTo(1);
        }
    }

    @Test
    void slowMotionOverManyFramesNeverCuts() throws Exception {
        MetricsCapture metrics = new MetricsCapture();
        try (MockEnvironment env = metrics.environment(); var h = harness(env)) {
            // 100 frames: the gradient pans a full period and the square crosses the frame, slowly.
            for (long t = 0; t < 100; t++) {
                h.processElement(TestFrames.frame("s", t, t * FRAME_US, W, H, TestFrames.sceneA(t, 3, 2)), 0);
            }
            assertThat(h.extractOutputValues()).extracting(ShotFrame::shot).containsOnly(0L);
            assertThat(metrics.count("shotCuts")).isZero();
        }
    }

    @Test
    void streamsHaveTheirOwnShotsAndStateSurvivesARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (MockEnvironment env = new MetricsCapture().environment(); var h = harness(env)) {
            h.processElement(TestFrames.frame("a", 0, 0, W, H, TestFrames.sceneA(0, 2, 3)), 0);
            h.processElement(TestFrames.frame("a", 1, FRAME_US, W, H, TestFrames.sceneB(1)), 0); // cut in a
            h.processElement(TestFrames.frame("b", 0, 0, W, H, TestFrames.sceneB(0)), 0);
            snapshot = h.snapshot(1, 1);
        }
        // Same max parallelism as the first harness (MetricsCapture's environment), so key groups match.
        try (MockEnvironment env = new MetricsCapture().environment();
             var h = new KeyedOneInputStreamOperatorTestHarness<>(
                     new KeyedProcessOperator<>(new ShotCutDetector(0.4)), DecodedFrame::streamId, Types.STRING, env)) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(TestFrames.frame("a", 2, 2 * FRAME_US, W, H, TestFrames.sceneB(2)), 0);
            h.processElement(TestFrames.frame("b", 1, FRAME_US, W, H, TestFrames.sceneA(1, 2, 3)), 0); // cut in b
            h.processElement(TestFrames.frame("a", 3, 0, W, H, TestFrames.sceneB(3)), 0); // time went back
            assertThat(h.extractOutputValues()).extracting(f -> f.streamId() + f.shot())
                    .containsExactly("a1", "b1", "a2");
        }
    }

    @Test
    void rejectsThresholdOutsideTheUnitInterval() {
        assertThatThrownBy(() -> new ShotCutDetector(0)).hasMessageContaining("threshold must be in (0, 1], got 0.0");
    }
}
