package io.vireo.flink.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vireo.flink.record.DecodedFrame;
import io.vireo.flink.record.ShotFrame;
import io.vireo.flink.shot.ShotCutDetector;
import io.vireo.flink.testing.MetricsCapture;
import io.vireo.flink.testing.SynthFrames;
import io.vireo.ingest.record.PairRecord;
import io.vireo.synth.FrameTruth;
import io.vireo.synth.ObjectTruth;
import io.vireo.synth.SceneSynthesizer;
import io.vireo.synth.SynthConfig;
import io.vireo.synth.SynthVideo;
import io.vireo.tracking.crop.Crops;
import io.vireo.tracking.geometry.Box;
import io.vireo.tracking.proposal.ProposalConfig;
import io.vireo.tracking.track.RejectionReason;
import io.vireo.tracking.track.TrackerKind;
import io.vireo.tracking.track.TrackingPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Region pairs on synthetic scenes whose every object box is known exactly: a pair is right when
 * both its boxes cover the same object, which is what a region-tracked positive must be.
 */
@SuppressWarnings("try")
class RegionPairBuilderTest {

    private static final int STEP = 2; // 25 fps scene sampled at 12.5 fps, as sample-fps would
    private static final DeltaRange RANGE = new DeltaRange(400_000, 1_000_000, 11);

    /**
     * The synthesizer's default scenes: three objects, two flat occluders (bars and discs) passing
     * in front of them, camera pans and cuts. Truth has boxes for objects only, so a track of an
     * occluder, of two objects merged into one box, or one that slid off its object counts as wrong.
     * Pooled over three scenes because one scene gives only a handful of pairs. Measured: 31 of 32
     * here; 56 of 59 over seeds 5-10 with other Δt draws; 65 % before the texture and re-detection checks.
     */
    @Test
    void regionPairsFollowTrueObjectsAndRejectionsAreCountedByReason() throws Exception {
        // Three streams through one operator instance: keyed state keeps them apart.
        Map<String, SynthVideo> videos = scenes(16);
        List<ShotFrame> shots = new ArrayList<>();
        for (Map.Entry<String, SynthVideo> v : videos.entrySet()) {
            shots.addAll(detectShots(v.getValue(), v.getKey()));
        }
        MetricsCapture metrics = new MetricsCapture();
        List<PairRecord> pairs = regionPairs(shots, metrics, Duration.ZERO);

        int good = onTrueObjects(pairs, videos);
        for (PairRecord p : pairs) {
            assertThat(p.tracker()).isEqualTo("csrt");
            assertThat(p.confidence()).isBetween(TrackingPolicy.DEFAULT_MIN_FORWARD_BACKWARD_IOU, 1.0);
            try (Mat view = Crops.decode(p.secondView())) {
                assertThat(view.cols()).isEqualTo(64);
            }
        }
        int total = pairs.size();
        assertThat(pairs).extracting(PairRecord::streamId).containsAll(videos.keySet());
        long rejected = metrics.count("tracksRejected");
        long byReason = 0;
        for (RejectionReason reason : RejectionReason.values()) {
            byReason += metrics.count(RegionPairBuilder.rejectionMetric(reason));
        }
        System.out.printf("region pairs: %d (%d on a true object), accepted %d, rejected %d%n",
                total, good, metrics.count("tracksAccepted"), rejected);
        for (RejectionReason reason : RejectionReason.values()) {
            System.out.printf("  %s: %d%n", reason, metrics.count(RegionPairBuilder.rejectionMetric(reason)));
        }

        assertThat(total).isGreaterThanOrEqualTo(20);
        assertThat((double) good / total).as("share of pairs on a true object").isGreaterThanOrEqualTo(0.9);
        assertThat(metrics.count("regionPairsEmitted")).isEqualTo(total);
        assertThat(metrics.count("tracksAccepted")).isEqualTo(total);
        assertThat(byReason).isEqualTo(rejected);
        assertThat(metrics.count(RegionPairBuilder.rejectionMetric(RejectionReason.NOT_REDETECTED))).isPositive();
    }

    /**
     * Anchors started every 400 ms, their spans overlapping, instead of one span at a time: more
     * pairs from the same videos, as right as before, each pair id once, anchors at least 400 ms apart.
     */
    @Test
    void overlappingAnchorsGiveMorePairsThatStillFollowTheirObjects() throws Exception {
        Map<String, SynthVideo> videos = scenes(8);
        List<ShotFrame> shots = new ArrayList<>();
        for (Map.Entry<String, SynthVideo> v : videos.entrySet()) {
            shots.addAll(detectShots(v.getValue(), v.getKey()));
        }
        List<PairRecord> oneAtATime = regionPairs(shots, new MetricsCapture(), Duration.ZERO);
        List<PairRecord> overlapping = regionPairs(shots, new MetricsCapture(), Duration.ofMillis(400));

        int good = onTrueObjects(overlapping, videos);
        System.out.printf("region pairs one span at a time: %d (%d on a true object); anchors every 400 ms: %d (%d)%n",
                oneAtATime.size(), onTrueObjects(oneAtATime, videos), overlapping.size(), good);
        // Proposals, not anchors, limit these scenes (most frames have no region that passes the texture check;
        // measured 16 -> 21 pairs on 3 x 8 s), so the gain asked for is modest.
        assertThat(overlapping.size()).isGreaterThan(oneAtATime.size());
        assertThat((double) good / overlapping.size()).as("share of pairs on a true object").isGreaterThanOrEqualTo(0.9);
        assertThat(overlapping).extracting(PairRecord::pairId).doesNotHaveDuplicates();
        for (String stream : videos.keySet()) {
            List<Long> anchorTimes = overlapping.stream().filter(p -> p.streamId().equals(stream))
                    .map(PairRecord::firstPtsMicros).distinct().sorted().toList();
            for (int i = 1; i < anchorTimes.size(); i++) {
                assertThat(anchorTimes.get(i) - anchorTimes.get(i - 1)).isGreaterThanOrEqualTo(400_000);
            }
        }
    }

    /**
     * A restore in the middle of a stream (anchor, seeds and waiting frames in state) gives exactly
     * the pairs of an uninterrupted run: trackers never live across calls, so nothing is lost.
     */
    @ParameterizedTest(name = "anchor interval {0} ms")
    @ValueSource(longs = {0, 300})
    void restoringFromASnapshotMidStreamGivesTheSamePairs(long anchorIntervalMillis) throws Exception {
        Duration interval = Duration.ofMillis(anchorIntervalMillis);
        SynthVideo video = SceneSynthesizer.render(
                SynthConfig.builder().seed(5).seconds(8).objectsPerShot(2).occludersPerShot(0).build());
        List<ShotFrame> shots = detectShots(video, "restore");
        List<PairRecord> uninterrupted = regionPairs(shots, new MetricsCapture(), interval);

        List<PairRecord> resumed = new ArrayList<>();
        int half = shots.size() / 2;
        OperatorSubtaskState snapshot;
        try (MockEnvironment env = new MetricsCapture().environment(); var h = regionHarness(env, interval)) {
            h.open();
            for (ShotFrame s : shots.subList(0, half)) {
                h.processElement(s, 0);
            }
            resumed.addAll(h.extractOutputValues());
            snapshot = h.snapshot(1, 1);
        }
        try (MockEnvironment env = new MetricsCapture().environment(); var h = regionHarness(env, interval)) {
            h.initializeState(snapshot);
            h.open();
            for (ShotFrame s : shots.subList(half, shots.size())) {
                h.processElement(s, 0);
            }
            resumed.addAll(h.extractOutputValues());
        }

        assertThat(uninterrupted).isNotEmpty();
        assertThat(resumed).extracting(PairRecord::pairId)
                .containsExactlyElementsOf(uninterrupted.stream().map(PairRecord::pairId).toList());
        assertThat(resumed).containsExactlyElementsOf(uninterrupted);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ShotFrame, PairRecord> regionHarness(
            MockEnvironment env, Duration anchorInterval) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new RegionPairBuilder(RANGE, new PairViews(64), TrackerKind.CSRT,
                        ProposalConfig.defaults().withMaxProposals(4).withMaxAreaFraction(0.1), TrackingPolicy.defaults(),
                        anchorInterval)),
                ShotFrame::streamId, Types.STRING, env);
    }

    private static List<PairRecord> regionPairs(List<ShotFrame> shots, MetricsCapture metrics, Duration anchorInterval)
            throws Exception {
        try (MockEnvironment env = metrics.environment(); var h = regionHarness(env, anchorInterval)) {
            h.open();
            for (ShotFrame s : shots) {
                h.processElement(s, 0);
            }
            return h.extractOutputValues();
        }
    }

    /** The detector's shots, checked to be the scene's true shots frame for frame. */
    private static List<ShotFrame> detectShots(SynthVideo video, String stream) throws Exception {
        List<ShotFrame> shots = detectShots(SynthFrames.decoded(video, stream, STEP));
        assertThat(shots).allSatisfy(s ->
                assertThat(s.shot()).as("shot of frame %d", s.frameIndex())
                        .isEqualTo(video.truth().frames().get((int) s.frameIndex()).shot()));
        return shots;
    }

    private static List<ShotFrame> detectShots(List<DecodedFrame> frames) throws Exception {
        try (MockEnvironment env = new MetricsCapture().environment();
             var h = new KeyedOneInputStreamOperatorTestHarness<>(
                     new KeyedProcessOperator<>(new ShotCutDetector(0.4)), DecodedFrame::streamId, Types.STRING, env)) {
            h.open();
            for (DecodedFrame f : frames) {
                h.processElement(f, 0);
            }
            return h.extractOutputValues();
        }
    }

    /** The default synthetic scenes of seeds 5, 6 and 7, by stream id. */
    private static Map<String, SynthVideo> scenes(double seconds) throws Exception {
        Map<String, SynthVideo> videos = new LinkedHashMap<>();
        for (long seed : new long[] {5, 6, 7}) {
            videos.put("seed-" + seed, SceneSynthesizer.render(SynthConfig.builder().seed(seed).seconds(seconds).build()));
        }
        return videos;
    }

    /** How many pairs cover the same true object in both views; also checks every pair stays in one shot and Δt range. */
    private static int onTrueObjects(List<PairRecord> pairs, Map<String, SynthVideo> videos) {
        int good = 0;
        for (PairRecord p : pairs) {
            SynthVideo video = videos.get(p.streamId());
            FrameTruth first = video.truth().frames().get((int) p.firstFrameIndex());
            FrameTruth second = video.truth().frames().get((int) p.secondFrameIndex());
            assertThat(first.shot()).isEqualTo(second.shot());
            assertThat(p.deltaMicros()).isBetween(RANGE.minMicros(), RANGE.maxMicros());
            if (sameObject(first, box(p.firstBox()), second, box(p.secondBox()))) {
                good++;
            }
        }
        return good;
    }

    /** Whether some object's true box has IoU >= 0.5 with the view-1 box and the same object's with the view-2 box. */
    static boolean sameObject(FrameTruth first, Box a, FrameTruth second, Box b) {
        for (ObjectTruth o : first.objects()) {
            if (truth(o).iou(a) < 0.5) {
                continue;
            }
            for (ObjectTruth o2 : second.objects()) {
                if (o2.id() == o.id() && truth(o2).iou(b) >= 0.5) {
                    return true;
                }
            }
        }
        return false;
    }

    static Box truth(ObjectTruth o) {
        return Box.of(o.box().x(), o.box().y(), o.box().w(), o.box().h());
    }

    static Box box(PairRecord.PairBox b) {
        return Box.of(b.x(), b.y(), b.width(), b.height());
    }
}
