package io.vireo.tracking.csrt;

import io.vireo.tracking.tracker.OpenCvRegionTracker;
import org.bytedeco.opencv.opencv_tracking.TrackerCSRT;

/**
 * OpenCV's CSRT (discriminative correlation filter with channel and spatial reliability).
 * The default: the most accurate of the three on deforming and partly occluded regions, and it
 * reports failure through its peak-to-sidelobe test, which feeds the TRACKER_LOST rejection.
 */
public final class CsrtTracker extends OpenCvRegionTracker {

    public static final String NAME = "csrt";

    public CsrtTracker() {
        super(NAME, TrackerCSRT::create);
    }
}
