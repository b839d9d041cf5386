package io.vireo.flink.pairs;

import io.vireo.flink.record.DecodedFrame;
import io.vireo.flink.record.ShotFrame;
import io.vireo.ingest.record.PairRecord;
import io.vireo.tracking.geometry.Box;
import io.vireo.tracking.proposal.EdgeDensityProposer;
import io.vireo.tracking.proposal.Proposal;
import io.vireo.tracking.proposal.ProposalConfig;
import io.vireo.tracking.track.RejectionReason;
import io.vireo.tracking.track.TrackOutcome;
import io.vireo.tracking.track.TrackVerifier;
import io.vireo.tracking.track.TrackerKind;
import io.vireo.tracking.track.TrackingPolicy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Region-tracked positive pairs: regions proposed on an anchor frame, each followed across Δt by
 * an OpenCV tracker and kept only if {@link TrackVerifier} accepts the track (tracker success on
 * every step, box visible and large enough, forward-backward check, and a region proposed
 * independently on the end frame that matches the end box and then replaces it). The pair is the
 * crop at the anchor and the crop Δt later. Keyed by stream id, downstream of the {@code ShotCutDetector}.
 *
 * <p>Regions are proposed on the anchor frame by edge density ({@link EdgeDensityProposer}), within
 * the configured count, size and aspect limits.
 *
 * <p>Anchors: proposals are made on an anchor frame, their boxes and the following frames wait in
 * keyed state until the first frame at or after {@code pts + Δt}; then every proposal is tracked
 * over the waiting frames. A new anchor starts on a frame once {@code anchorInterval} has passed
 * since the last anchor began (a frame without proposals starts none); with an interval of 0, only when no anchor is open (one track span at a
 * time, the next one starting on the frame that closed the last, seeded with the proposals its end
 * boxes were re-detected among). So tracking work is bounded: per frame of input, amortised, at most
 * {@code proposals × 2} tracker updates (forward and backward pass) times the number of overlapping
 * spans, about {@code max Δt / anchorInterval}; and a stream's state holds at most
 * {@code max Δt × sample rate} frames. A cut discards the open anchors (a track must not span shots);
 * a hole longer than the maximum Δt discards the anchor it falls in.
 *
 * <p>Trackers are native and not checkpointable, which is why a track runs to completion inside
 * one call from frames held in state, instead of live trackers stepping along across calls: a
 * restore replays nothing and loses nothing.
 */
public class RegionPairBuilder extends KeyedProcessFunction<String, ShotFrame, PairRecord> {

    private static final long serialVersionUID = 1L;

    /** An open anchor: the frame proposals were made on, and when its partner frame is due. */
    public record RegionAnchor(long frameIndex, long ptsMicros, long shot, long targetPtsMicros) {
    }

    /** A region proposed on the anchor frame {@code anchorFrameIndex}, waiting to be tracked. */
    public record RegionSeed(long anchorFrameIndex, int x, int y, int width, int height, double score, String source) {
        Box box() {
            return Box.of(x, y, width, height);
        }
    }

    private final DeltaRange deltas;
    private final PairViews views;
    private final TrackerKind trackerKind;
    // Plain value records (Serializable): they travel with the function to the task managers.
    private final ProposalConfig proposalConfig;
    private final TrackingPolicy policy;
    private final long anchorIntervalMicros;

    /** Open anchors, oldest first. */
    private transient ListState<RegionAnchor> anchors;
    /** Every frame from the oldest open anchor's frame on: the spans the anchors are tracked over. */
    private transient ListState<ShotFrame> frames;
    private transient ListState<RegionSeed> seeds;
    /** Presentation time of the newest anchor started, open or not (cleared with the open anchors at a cut). */
    private transient ValueState<Long> lastAnchorPts;

    private transient EdgeDensityProposer proposer;
    private transient TrackVerifier verifier;

    private transient Counter pairsEmitted;
    private transient Counter tracksAccepted;
    private transient Counter tracksRejected;
    private transient Map<RejectionReason, Counter> rejectedBy;
    private transient Counter anchorsWithoutProposals;
    private transient Counter droppedAtCut;
    private transient Counter droppedAtHole;

    public RegionPairBuilder(DeltaRange deltas, PairViews views, TrackerKind trackerKind,
                             ProposalConfig proposalConfig, TrackingPolicy policy, java.time.Duration anchorInterval) {
        if (anchorInterval.isNegative()) {
            throw new IllegalArgumentException("anchorInterval must be >= 0, got " + anchorInterval);
        }
        this.anchorIntervalMicros = anchorInterval.toNanos() / 1000;
        this.deltas = deltas;
        this.views = views;
        this.trackerKind = trackerKind;
        this.proposalConfig = proposalConfig;
        this.policy = policy;
    }

    /** Metric name of the rejection counter for one reason, e.g. {@code tracksRejected_TRACKER_LOST}. */
    public static String rejectionMetric(RejectionReason reason) {
        return "tracksRejected_" + reason.name();
    }

    @Override
    public void open(OpenContext openContext) {
        // Flink already runs one task per slot; OpenCV's own thread pool on top would oversubscribe
        // the cores and make every stream on this task manager slower.
        opencv_core.setNumThreads(1);
        anchors = getRuntimeContext().getListState(new ListStateDescriptor<>("region-anchors",
                TypeInformation.of(RegionAnchor.class)));
        frames = getRuntimeContext().getListState(new ListStateDescriptor<>("region-frames",
                TypeInformation.of(ShotFrame.class)));
        seeds = getRuntimeContext().getListState(new ListStateDescriptor<>("region-anchor-seeds",
                TypeInformation.of(RegionSeed.class)));
        lastAnchorPts = getRuntimeContext().getState(new ValueStateDescriptor<>("region-last-anchor-pts", Types.LONG));
        // Edges only: motion proposals cover the object's positions in both frames they compare, so
        // their box is offset from the object on the anchor frame and the track starts off target.
        // Measured on synthetic scenes: about a quarter of motion-seeded pairs missed their object.
        proposer = new EdgeDensityProposer(proposalConfig);
        verifier = new TrackVerifier(policy);

        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        pairsEmitted = metrics.counter("regionPairsEmitted");
        tracksAccepted = metrics.counter("tracksAccepted");
        tracksRejected = metrics.counter("tracksRejected");
        rejectedBy = new EnumMap<>(RejectionReason.class);
        for (RejectionReason reason : RejectionReason.values()) {
            rejectedBy.put(reason, metrics.counter(rejectionMetric(reason)));
        }
        anchorsWithoutProposals = metrics.counter("regionAnchorsWithoutProposals");
        droppedAtCut = metrics.counter("regionAnchorsDroppedAtCut");
        droppedAtHole = metrics.counter("regionAnchorsDroppedAtHole");
    }

    @Override
    public void processElement(ShotFrame frame, Context ctx, Collector<PairRecord> out) throws Exception {
        List<RegionAnchor> open = new ArrayList<>();
        anchors.get().forEach(open::add);
        Long last = lastAnchorPts.value();
        if (!open.isEmpty() && open.get(0).shot() != frame.shot()) {
            droppedAtCut.inc(open.size());
            clearAnchors();
            open.clear();
            last = null;
        }
        EndProposals endProposals = new EndProposals(frame);
        List<RegionAnchor> due = open.stream().filter(a -> frame.ptsMicros() >= a.targetPtsMicros()).toList();
        if (!due.isEmpty()) {
            List<ShotFrame> held = new ArrayList<>();
            frames.get().forEach(held::add);
            List<RegionSeed> allSeeds = new ArrayList<>();
            seeds.get().forEach(allSeeds::add);
            for (RegionAnchor a : due) {
                if (frame.ptsMicros() - a.ptsMicros() <= deltas.maxMicros()) {
                    List<ShotFrame> span = new ArrayList<>(held.stream().filter(f -> f.ptsMicros() >= a.ptsMicros()).toList());
                    span.add(frame);
                    trackAndEmit(span, allSeeds.stream().filter(x -> x.anchorFrameIndex() == a.frameIndex()).toList(),
                            endProposals, out);
                } else {
                    droppedAtHole.inc();
                }
            }
            open.removeAll(due);
            allSeeds.removeIf(x -> due.stream().anyMatch(a -> a.frameIndex() == x.anchorFrameIndex()));
            seeds.update(allSeeds);
            // Frames before the oldest anchor still open are no longer part of any span.
            long keepFrom = open.isEmpty() ? Long.MAX_VALUE : open.get(0).ptsMicros();
            frames.update(held.stream().filter(f -> f.ptsMicros() >= keepFrom).toList());
        }
        boolean startAnchor = anchorIntervalMicros == 0 ? open.isEmpty()
                : last == null || frame.ptsMicros() - last >= anchorIntervalMicros;
        if (startAnchor) {
            RegionAnchor started = startAnchor(frame, endProposals);
            if (started != null) {
                open.add(started);
                // Only a frame that started an anchor counts: one without proposals leaves the next frame free to try.
                lastAnchorPts.update(frame.ptsMicros());
            }
        }
        anchors.update(open);
        if (!open.isEmpty()) {
            frames.add(frame);
        }
    }

    /** Proposals on the frame that closes spans, made at most once: for re-detection and for the next anchor's seeds. */
    private final class EndProposals {
        private final ShotFrame frame;
        private List<Proposal> proposals;

        EndProposals(ShotFrame frame) {
            this.frame = frame;
        }

        List<Proposal> get(Mat mat) {
            if (proposals == null) {
                proposals = proposer.propose(mat);
            }
            return proposals;
        }

        List<Proposal> get() {
            if (proposals == null) {
                try (Mat mat = FrameMats.toMat(frame.frame())) {
                    proposals = proposer.propose(mat);
                }
            }
            return proposals;
        }
    }

    /** @return the new anchor, or null when nothing was proposed on {@code frame} */
    private RegionAnchor startAnchor(ShotFrame frame, EndProposals proposals) throws Exception {
        List<Proposal> proposed = proposals.get();
        if (proposed.isEmpty()) {
            anchorsWithoutProposals.inc();
            return null;
        }
        for (Proposal p : proposed) {
            Box b = p.box();
            seeds.add(new RegionSeed(frame.frameIndex(), b.x(), b.y(), b.width(), b.height(), p.score(), p.source()));
        }
        long delta = deltas.draw(frame.streamId(), frame.frameIndex(), "region");
        return new RegionAnchor(frame.frameIndex(), frame.ptsMicros(), frame.shot(), frame.ptsMicros() + delta);
    }

    /** Tracks each seed over {@code span} (anchor frame first, the due frame last) and emits the accepted tracks. */
    private void trackAndEmit(List<ShotFrame> span, List<RegionSeed> anchorSeeds, EndProposals endProposals,
                              Collector<PairRecord> out) throws Exception {
        List<Mat> mats = new ArrayList<>(span.size());
        try {
            for (ShotFrame f : span) {
                mats.add(FrameMats.toMat(f.frame()));
            }
            Mat lastMat = mats.get(mats.size() - 1);
            int index = 0;
            for (RegionSeed seed : anchorSeeds) {
                TrackOutcome outcome = verifier.track(mats, seed.box(), trackerKind);
                if (outcome instanceof TrackOutcome.Accepted tracked && policy.redetects()) {
                    outcome = verifier.confirmAtEnd(tracked, endProposals.get(lastMat).stream().map(Proposal::box).toList());
                }
                if (outcome instanceof TrackOutcome.Accepted accepted) {
                    tracksAccepted.inc();
                    out.collect(pair(span.get(0), span.get(span.size() - 1), mats.get(0), lastMat, accepted, seed, index));
                    pairsEmitted.inc();
                } else if (outcome instanceof TrackOutcome.Rejected rejected) {
                    tracksRejected.inc();
                    rejectedBy.get(rejected.reason()).inc();
                }
                index++;
            }
        } finally {
            mats.forEach(Mat::close);
        }
    }

    private PairRecord pair(ShotFrame first, ShotFrame second, Mat firstMat, Mat secondMat,
                            TrackOutcome.Accepted track, RegionSeed seed, int seedIndex) {
        DecodedFrame a = first.frame();
        DecodedFrame b = second.frame();
        String id = a.streamId() + "/region/" + a.frameIndex() + "-" + b.frameIndex() + "/" + seedIndex;
        return new PairRecord(id, a.streamId(), PairRecord.Kind.REGION, first.shot(), a.ptsMicros(), b.ptsMicros(),
                a.frameIndex(), b.frameIndex(), a.width(), a.height(), PairViews.toPairBox(track.startBox()),
                PairViews.toPairBox(track.endBox()), track.tracker().trackerName(), track.confidence(), seed.source(),
                views.formatName(), views.viewSize(), views.regionView(firstMat, track.startBox()),
                views.regionView(secondMat, track.endBox()));
    }

    private void clearAnchors() {
        anchors.clear();
        frames.clear();
        seeds.clear();
        lastAnchorPts.clear();
    }
}
