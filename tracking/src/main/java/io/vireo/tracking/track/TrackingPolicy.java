package io.vireo.tracking.track;

/**
 * When a tracked region is good enough to become a positive pair.
 *
 * @param minForwardBackwardIou lowest IoU, on the start frame, between the start box and the box
 *                              found by tracking the end box back to the start; in (0, 1]
 * @param minBoxSide            smallest side, in pixels, the (frame-clipped) box may have on any
 *                              frame; smaller regions make crops of mostly interpolation
 * @param maxFractionOutside    largest share of the box's area allowed outside the frame on any
 *                              frame, in [0, 1); beyond it the crop would be mostly padding
 */
public record TrackingPolicy(double minForwardBackwardIou, int minBoxSide, double maxFractionOutside) {

    public static final double DEFAULT_MIN_FORWARD_BACKWARD_IOU = 0.5;
    public static final int DEFAULT_MIN_BOX_SIDE = 16;
    public static final double DEFAULT_MAX_FRACTION_OUTSIDE = 0.25;

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
    }

    public static TrackingPolicy defaults() {
        return new TrackingPolicy(DEFAULT_MIN_FORWARD_BACKWARD_IOU, DEFAULT_MIN_BOX_SIDE, DEFAULT_MAX_FRACTION_OUTSIDE);
    }

    public TrackingPolicy withMinForwardBackwardIou(double value) {
        return new TrackingPolicy(value, minBoxSide, maxFractionOutside);
    }

    public TrackingPolicy withMinBoxSide(int value) {
        return new TrackingPolicy(minForwardBackwardIou, value, maxFractionOutside);
    }

    public TrackingPolicy withMaxFractionOutside(double value) {
        return new TrackingPolicy(minForwardBackwardIou, minBoxSide, value);
    }
}
