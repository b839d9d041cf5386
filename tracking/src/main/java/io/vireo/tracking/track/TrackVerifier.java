package io.vireo.tracking.track;

import io.vireo.tracking.geometry.Box;
import io.vireo.tracking.tracker.RegionTracker;
import io.vireo.tracking.tracker.TrackStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Tracks a region from the first to the last of a run of frames and decides whether the track
 * can be trusted as a positive pair: every forward step must succeed and stay visible and large
 * enough, and tracking the final box back to the first frame must land on the start box
 * (forward-backward consistency, Kalal et al. 2010). The backward pass is what catches trackers
 * that drift onto background or a neighbour while still claiming success.
 *
 * <p>Stateless: one instance can serve many tracks, from several threads.
 */
public final class TrackVerifier {

    private final TrackingPolicy policy;

    public TrackVerifier(TrackingPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public TrackingPolicy policy() {
        return policy;
    }

    /** Convenience for a one-off call with an explicit policy. */
    public static TrackOutcome track(List<Mat> frames, Box start, TrackerKind kind, TrackingPolicy policy) {
        return new TrackVerifier(policy).track(frames, start, kind);
    }

    /**
     * @param frames BGR 8-bit frames t, t+1, ..., t+Δt (at least two, all the same size); not modified
     * @param start  the region on {@code frames.get(0)}
     * @param kind   which tracker to run (both passes use a fresh instance of it)
     */
    public TrackOutcome track(List<Mat> frames, Box start, TrackerKind kind) {
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(kind, "kind");
        if (frames.size() < 2) {
            throw new IllegalArgumentException("frames must hold at least 2 frames, got " + frames.size());
        }
        int width = frames.get(0).cols();
        int height = frames.get(0).rows();

        TrackOutcome.Rejected startProblem = checkBox(kind, start, 0, width, height);
        if (startProblem != null) {
            return startProblem;
        }

        List<Box> forward = new ArrayList<>(frames.size());
        forward.add(start.clipTo(width, height));
        try (RegionTracker tracker = kind.create()) {
            tracker.init(frames.get(0), start);
            for (int i = 1; i < frames.size(); i++) {
                TrackStep step = tracker.update(frames.get(i));
                if (!step.success()) {
                    return new TrackOutcome.Rejected(kind, RejectionReason.TRACKER_LOST, i,
                            kind.trackerName() + " reported failure on frame " + i);
                }
                TrackOutcome.Rejected problem = checkBox(kind, step.box(), i, width, height);
                if (problem != null) {
                    return problem;
                }
                forward.add(step.box().clipTo(width, height));
            }
        }

        Box back;
        try (RegionTracker tracker = kind.create()) {
            int last = frames.size() - 1;
            tracker.init(frames.get(last), forward.get(last));
            back = forward.get(last);
            for (int i = last - 1; i >= 0; i--) {
                TrackStep step = tracker.update(frames.get(i));
                if (!step.success()) {
                    return new TrackOutcome.Rejected(kind, RejectionReason.FORWARD_BACKWARD_MISMATCH, i,
                            "backward " + kind.trackerName() + " reported failure on frame " + i);
                }
                back = step.box();
            }
        }

        double fbIou = back.iou(forward.get(0));
        if (fbIou < policy.minForwardBackwardIou()) {
            return new TrackOutcome.Rejected(kind, RejectionReason.FORWARD_BACKWARD_MISMATCH, 0,
                    String.format("back-tracked box %s has IoU %.3f with start box %s (< %.3f)",
                            back, fbIou, forward.get(0), policy.minForwardBackwardIou()));
        }
        return new TrackOutcome.Accepted(kind, forward, fbIou);
    }

    /**
     * Confirms an accepted track against regions proposed independently on its end frame: the
     * proposal overlapping the tracked end box most replaces it if their IoU reaches the policy's
     * {@code minRedetectionIou}; otherwise the track is rejected as {@link RejectionReason#NOT_REDETECTED}.
     * With re-detection off in the policy the track is returned unchanged.
     *
     * @param endRegions boxes proposed on the track's last frame
     */
    public TrackOutcome confirmAtEnd(TrackOutcome.Accepted track, List<Box> endRegions) {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(endRegions, "endRegions");
        if (!policy.redetects()) {
            return track;
        }
        Box tracked = track.endBox();
        Box best = null;
        double bestIou = 0;
        for (Box region : endRegions) {
            double iou = region.iou(tracked);
            if (iou > bestIou) {
                bestIou = iou;
                best = region;
            }
        }
        int last = track.boxes().size() - 1;
        if (best == null || bestIou < policy.minRedetectionIou()) {
            return new TrackOutcome.Rejected(track.tracker(), RejectionReason.NOT_REDETECTED, last,
                    String.format("no region proposed on the end frame overlaps %s with IoU >= %.3f (best %.3f)",
                            tracked, policy.minRedetectionIou(), bestIou));
        }
        List<Box> boxes = new ArrayList<>(track.boxes());
        boxes.set(last, best);
        return new TrackOutcome.Accepted(track.tracker(), boxes, track.forwardBackwardIou());
    }

    private TrackOutcome.Rejected checkBox(TrackerKind kind, Box box, int frameIndex, int width, int height) {
        double outside = box.fractionOutside(width, height);
        if (outside > policy.maxFractionOutside()) {
            return new TrackOutcome.Rejected(kind, RejectionReason.LEFT_FRAME, frameIndex,
                    String.format("%s is %.0f%% outside the %dx%d frame", box, 100 * outside, width, height));
        }
        Box visible = box.clipTo(width, height);
        if (visible.shortSide() < policy.minBoxSide()) {
            return new TrackOutcome.Rejected(kind, RejectionReason.TOO_SMALL, frameIndex,
                    "visible " + visible + " has a side below " + policy.minBoxSide() + " px");
        }
        return null;
    }
}
