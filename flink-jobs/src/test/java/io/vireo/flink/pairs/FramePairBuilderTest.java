package io.vireo.flink.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vireo.flink.record.ShotFrame;
import io.vireo.flink.testing.MetricsCapture;
import io.vireo.flink.testing.TestFrames;
import io.vireo.ingest.record.PairRecord;
import io.vireo.tracking.crop.Crops;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try")
class FramePairBuilderTest {

    private static final int W = 160;
    private static final int H = 120;
    private static final long FRAME_US = 100_000;
    private static final int CUT_AT = 25;
    private static final DeltaRange RANGE = new DeltaRange(300_000, 900_000, 42);

    /** 50 frames at 10 fps with a cut before frame 25, as the ShotCutDetector would tag them. */
    private static List<PairRecord> run(DeltaRange range, MetricsCapture metrics) throws Exception {
        try (MockEnvironment env = metrics.environment();
             var h = new KeyedOneInputStreamOperatorTestHarness<>(
                     new KeyedProcessOperator<>(new FramePairBuilder(range, new PairViews(64))),
                     ShotFrame::streamId, Types.STRING, env)) {
            h.open();
            for (long t = 0; t < 50; t++) {
                boolean second = t >= CUT_AT;
                var frame = TestFrames.frame("s", t, t * FRAME_US, W, H,
                        second ? TestFrames.sceneB(t) : TestFrames.sceneA(t, 2, 3));
                h.processElement(new ShotFrame(frame, second ? 1 : 0), 0);
            }
            return h.extractOutputValues();
        }
    }

    @Test
    void pairsRespectTheRangeNeverSpanTheCutAndCarryViewsOfTheConfiguredSize() throws Exception {
        MetricsCapture metrics = new MetricsCapture();
        List<PairRecord> pairs = run(RANGE, metrics);

        assertThat(pairs).isNotEmpty();
        assertThat(pairs).allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo(PairRecord.Kind.FRAME);
            assertThat(p.deltaMicros()).isBetween(RANGE.minMicros(), RANGE.maxMicros());
            boolean firstAfterCut = p.firstFrameIndex() >= CUT_AT;
            boolean secondAfterCut = p.secondFrameIndex() >= CUT_AT;
            assertThat(firstAfterCut).as("pair %s spans the cut", p.pairId()).isEqualTo(secondAfterCut);
            assertThat(p.shot()).isEqualTo(firstAfterCut ? 1 : 0);
            // The view is the centred 120x120 square of the 160x120 frame.
            assertThat(p.firstBox()).isEqualTo(new PairRecord.PairBox(20, 0, 120, 120));
            assertThat(p.tracker()).isNull();
            for (byte[] view : List.of(p.firstView(), p.secondView())) {
                try (Mat m = Crops.decode(view)) {
                    assertThat(m.cols()).isEqualTo(64);
                    assertThat(m.rows()).isEqualTo(64);
                }
            }
        });
        // Δt is drawn, not fixed: several distinct spacings occur.
        assertThat(pairs.stream().map(PairRecord::deltaMicros).distinct().count()).isGreaterThan(3);
        // Anchors late in shot 0 had no partner before the cut and were dropped, not paired across it.
        assertThat(metrics.count("frameAnchorsDroppedAtCut")).isPositive();
        assertThat(metrics.count("framePairsEmitted")).isEqualTo(pairs.size());
        // Every anchor whose target lies inside its shot got a pair; those past the end of input still wait.
        assertThat(pairs.size() + metrics.count("frameAnchorsDroppedAtCut")).isLessThanOrEqualTo(50);
    }

    @Test
    void theSameSeedGivesTheSamePairsAndAnotherSeedOthers() throws Exception {
        List<PairRecord> first = run(RANGE, new MetricsCapture());
        List<PairRecord> again = run(RANGE, new MetricsCapture());
        List<PairRecord> reseeded = run(new DeltaRange(RANGE.minMicros(), RANGE.maxMicros(), 7), new MetricsCapture());

        assertThat(again).isEqualTo(first);
        assertThat(reseeded.stream().map(PairRecord::pairId).toList())
                .isNotEqualTo(first.stream().map(PairRecord::pairId).toList());
    }

    @Test
    void drawsStayInRangeAndDependOnStreamAndFrame() {
        DeltaRange range = new DeltaRange(1, 1_000_000, 3);
        for (long i = 0; i < 1000; i++) {
            assertThat(range.draw("s", i, "frame")).isBetween(1L, 1_000_000L);
        }
        assertThat(range.draw("s", 5, "frame")).isEqualTo(range.draw("s", 5, "frame"));
        assertThat(range.draw("s", 5, "frame")).isNotEqualTo(range.draw("t", 5, "frame"));
        assertThat(new DeltaRange(5, 5, 0).draw("s", 1, "frame")).isEqualTo(5);
    }
}
