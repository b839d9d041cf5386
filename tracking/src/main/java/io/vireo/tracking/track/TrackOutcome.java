package io.vireo.tracking.track;

import io.vireo.tracking.geometry.Box;
import java.util.List;
import java.util.Objects;

/** What {@link TrackVerifier} decided about one region over one frame span. */
public sealed interface TrackOutcome {

    boolean accepted();

    /**
     * A verified track.
     *
     * @param tracker               the tracker that produced it
     * @param boxes                 one box per input frame, clipped to the frame; index 0 is the start box
     * @param forwardBackwardIou    IoU of the start box with the back-tracked box on the start frame;
     *                              the track's confidence
     */
    record Accepted(TrackerKind tracker, List<Box> boxes, double forwardBackwardIou) implements TrackOutcome {

        public Accepted {
            Objects.requireNonNull(tracker, "tracker");
            boxes = List.copyOf(boxes);
            if (boxes.size() < 2) {
                throw new IllegalArgumentException("boxes must hold at least 2 frames, got " + boxes.size());
            }
        }

        @Override
        public boolean accepted() {
            return true;
        }

        /** The region on the first frame (view 1 of the pair). */
        public Box startBox() {
            return boxes.get(0);
        }

        /** The region on the last frame, Δt later (view 2 of the pair). */
        public Box endBox() {
            return boxes.get(boxes.size() - 1);
        }

        public double confidence() {
            return forwardBackwardIou;
        }
    }

    /**
     * A rejected track.
     *
     * @param tracker    the tracker used
     * @param reason     the counted reason
     * @param frameIndex index into the input frames where the check failed (0 for checks of the start box)
     * @param detail     human-readable specifics for logs
     */
    record Rejected(TrackerKind tracker, RejectionReason reason, int frameIndex, String detail) implements TrackOutcome {

        public Rejected {
            Objects.requireNonNull(tracker, "tracker");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public boolean accepted() {
            return false;
        }
    }
}
