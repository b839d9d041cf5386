package io.vireo.tracking.track;

import java.io.Serializable;

/**
 * When a tracked region is good enough to become a positive pair.
 *
 * @param minForwardBackwardIou lowest IoU, on the start frame, between the start box and the box
 *                              found by tracking the end box back to the start; in (0, 1]
 * @param minBoxSide            smallest side, in pixels, the (frame-clipped) box may have on any
 *                              frame; smaller regions make crops of mostly interpolation
 * @param maxFractionOutside    largest share of the box's area allowed outside the frame on any
 *                              frame, in [0, 1); beyond it the crop would be mostly padding
 * @param minRedetectionIou     lowest IoU between the tracked end box and a region proposed
 *                              independently on the end frame, in [0, 1]; 0 turns re-detection off.
 *                              Trackers keep the start box's aspect ratio and can settle on a
 *                              background patch that tracks back consistently; an independent
 *                              proposal at the end catches both and gives the object's current extent
 */
public record TrackingPolicy(double minForwardBackwardIou, int minBoxSide, double maxFractionOutside,
                             double minRedetectionIou) implements Serializable {

    public static final double DEFAULT_MIN_FORWARD_BACKWARD_IOU = 0.5;
    public static final int DEFAULT_MIN_BOX_SIDE = 16;
    public static final double DEFAULT_MAX_FRACTION_OUTSIDE = 0.25;
    public static final double DEFAULT_MIN_REDETECTION_IOU = 0.4;

    public TrackingPolicy {
        if (!(minForwardBackwardIou > 0 && minForwardBackwardIou <= 1)) {
            throw new IllegalArgumentException("minForwardBackwardIou must be in (0, 1], got " + minForwardBackwardIou);
        }
        if (minBoxSide < 1) {
            throw new IllegalArgumentException("minBoxSide must be >= 1, got " + minBoxSide);
        }
        if (!(maxFractionOutside >= 0 && maxFractionOutside < 1)) {
            throw new IllegalArgumentException("maxFractionOutside must be in [0, 1), got " + maxFractionOutside);
        }
        if (!(minRedetectionIou >= 0 && minRedetectionIou <= 1)) {
            throw new IllegalArgumentException("minRedetectionIou must be in [0, 1], got " + minRedetectionIou);
        }
    }

    public static TrackingPolicy defaults() {
        return new TrackingPolicy(DEFAULT_MIN_FORWARD_BACKWARD_IOU, DEFAULT_MIN_BOX_SIDE, DEFAULT_MAX_FRACTION_OUTSIDE,
                DEFAULT_MIN_REDETECTION_IOU);
    }

    public TrackingPolicy withMinForwardBackwardIou(double value) {
        return new TrackingPolicy(value, minBoxSide, maxFractionOutside, minRedetectionIou);
    }

    public TrackingPolicy withMinBoxSide(int value) {
        return new TrackingPolicy(minForwardBackwardIou, value, maxFractionOutside, minRedetectionIou);
    }

    public TrackingPolicy withMaxFractionOutside(double value) {
        return new TrackingPolicy(minForwardBackwardIou, minBoxSide, value, minRedetectionIou);
    }

    public TrackingPolicy withMinRedetectionIou(double value) {
        return new TrackingPolicy(minForwardBackwardIou, minBoxSide, maxFractionOutside, value);
    }

    /** Whether tracks are confirmed by an independent proposal on their end frame. */
    public boolean redetects() {
        return minRedetectionIou > 0;
    }
}
