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
 * <p>One anchor per stream at a time: proposals are made on a frame, their boxes and the following
 * frames wait in keyed state until the first frame at or after {@code pts + Δt}; then every
 * proposal is tracked over the waiting frames and the next anchor starts on that frame, seeded with
 * the proposals the end boxes were re-detected among (computed once for both). So tracking work is bounded: per frame of input, amortised, at most
 * {@code proposals × 2} tracker updates (forward and backward pass), and a stream's state at most
 * {@code max Δt × sample rate} frames. A cut discards the anchor (a track must not span shots); a
 * hole longer than the maximum Δt does too.
 *
 * <p>Trackers are native and not checkpointable, which is why a track runs to completion inside
 * one call from frames held in state, instead of live trackers stepping along across calls: a
 * restore replays nothing and loses nothing.
 */
public class RegionPairBuilder extends KeyedProcessFunction<String, ShotFrame, PairRecord> {

    private static final long serialVersionUID = 1L;

    /** The active anchor: where proposals were made and when its partner frame is due. */
    public record RegionAnchor(ShotFrame frame, long targetPtsMicros) {
    }

    /** A proposed region waiting to be tracked. */
    public record RegionSeed(int x, int y, int width, int height, double score, String source) {
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

    private transient ValueState<RegionAnchor> anchor;
    private transient ListState<ShotFrame> following;
    private transient ListState<RegionSeed> seeds;

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
                             ProposalConfig proposalConfig, TrackingPolicy policy) {
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
        anchor = getRuntimeContext().getState(new ValueStateDescriptor<>("region-anchor",
                TypeInformation.of(RegionAnchor.class)));
        following = getRuntimeContext().getListState(new ListStateDescriptor<>("region-following",
                TypeInformation.of(ShotFrame.class)));
        seeds = getRuntimeContext().getListState(new ListStateDescriptor<>("region-seeds",
                TypeInformation.of(RegionSeed.class)));
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
        RegionAnchor active = anchor.value();
        if (active != null && active.frame().shot() != frame.shot()) {
            droppedAtCut.inc();
            clearAnchor();
            active = null;
        }
        List<Proposal> proposedOnFrame = null;
        if (active != null) {
            if (frame.ptsMicros() >= active.targetPtsMicros()) {
                if (frame.ptsMicros() - active.frame().ptsMicros() <= deltas.maxMicros()) {
                    proposedOnFrame = trackAndEmit(active, frame, out);
                } else {
                    droppedAtHole.inc();
                }
                clearAnchor();
                active = null;
            } else {
                following.add(frame);
            }
        }
        if (active == null) {
            startAnchor(frame, proposedOnFrame);
        }
    }

    /** @param proposals the frame's proposals if re-detection already made them, else null */
    private void startAnchor(ShotFrame frame, List<Proposal> proposals) throws Exception {
        if (proposals == null) {
            try (Mat mat = FrameMats.toMat(frame.frame())) {
                proposals = proposer.propose(mat);
            }
        }
        if (proposals.isEmpty()) {
            anchorsWithoutProposals.inc();
            return;
        }
        List<RegionSeed> list = new ArrayList<>(proposals.size());
        for (Proposal p : proposals) {
            Box b = p.box();
            list.add(new RegionSeed(b.x(), b.y(), b.width(), b.height(), p.score(), p.source()));
        }
        seeds.update(list);
        long delta = deltas.draw(frame.streamId(), frame.frameIndex(), "region");
        anchor.update(new RegionAnchor(frame, frame.ptsMicros() + delta));
    }

    /** @return the proposals made on {@code last} for re-detection, or null if none were needed */
    private List<Proposal> trackAndEmit(RegionAnchor active, ShotFrame last, Collector<PairRecord> out)
            throws Exception {
        List<ShotFrame> span = new ArrayList<>();
        span.add(active.frame());
        following.get().forEach(span::add);
        span.add(last);
        List<Mat> mats = new ArrayList<>(span.size());
        try {
            for (ShotFrame f : span) {
                mats.add(FrameMats.toMat(f.frame()));
            }
            Mat lastMat = mats.get(mats.size() - 1);
            List<Proposal> endProposals = null;
            int index = 0;
            for (RegionSeed seed : seeds.get()) {
                TrackOutcome outcome = verifier.track(mats, seed.box(), trackerKind);
                if (outcome instanceof TrackOutcome.Accepted tracked && policy.redetects()) {
                    if (endProposals == null) {
                        endProposals = proposer.propose(lastMat);
                    }
                    outcome = verifier.confirmAtEnd(tracked, endProposals.stream().map(Proposal::box).toList());
                }
                if (outcome instanceof TrackOutcome.Accepted accepted) {
                    tracksAccepted.inc();
                    out.collect(pair(active.frame(), last, mats.get(0), mats.get(mats.size() - 1), accepted, seed, index));
                    pairsEmitted.inc();
                } else if (outcome instanceof TrackOutcome.Rejected rejected) {
                    tracksRejected.inc();
                    rejectedBy.get(rejected.reason()).inc();
                }
                index++;
            }
            return endProposals;
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

    private void clearAnchor() {
        anchor.clear();
        following.clear();
        seeds.clear();
    }
}
