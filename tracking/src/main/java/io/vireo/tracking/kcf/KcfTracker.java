package io.vireo.tracking.kcf;

import io.vireo.tracking.tracker.OpenCvRegionTracker;
import org.bytedeco.opencv.opencv_tracking.TrackerKCF;

/**
 * OpenCV's KCF (kernelized correlation filter). The fastest of the three; fixed box size, so
 * regions that grow or shrink much across Δt drift out of their box.
 */
public final class KcfTracker extends OpenCvRegionTracker {

    public static final String NAME = "kcf";

    public KcfTracker() {
        super(NAME, TrackerKCF::create);
    }
}
