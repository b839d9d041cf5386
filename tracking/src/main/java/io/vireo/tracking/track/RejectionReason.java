package io.vireo.tracking.track;

/** Why a track was not turned into a pair; the pair builder counts rejections by these. */
public enum RejectionReason {
    /** The tracker itself reported failure on a forward step. */
    TRACKER_LOST,
    /** Tracking back from the end did not return to the start box (or the backward tracker failed). */
    FORWARD_BACKWARD_MISMATCH,
    /** Too much of the box lay outside the frame, at the start or on some step. */
    LEFT_FRAME,
    /** The visible box was smaller than the policy's minimum side, at the start or on some step. */
    TOO_SMALL,
    /** No region proposed independently on the end frame matched the tracked end box. */
    NOT_REDETECTED
}
