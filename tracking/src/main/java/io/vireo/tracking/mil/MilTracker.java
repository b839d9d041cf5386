package io.vireo.tracking.mil;

import io.vireo.tracking.tracker.OpenCvRegionTracker;
import org.bytedeco.opencv.opencv_video.TrackerMIL;

/**
 * OpenCV's MIL (multiple-instance learning) tracker. It never reports failure, so with MIL the
 * forward-backward check is the only thing that catches a lost target.
 *
 * <p>Not reproducible: OpenCV draws MIL's Haar features from the C library's process-wide
 * {@code rand()}, so the same frames can give slightly different tracks from run to run (and
 * concurrent MIL trackers perturb each other's draws). Prefer CSRT or KCF where pairs must be
 * bit-for-bit repeatable.
 */
public final class MilTracker extends OpenCvRegionTracker {

    public static final String NAME = "mil";

    public MilTracker() {
        super(NAME, TrackerMIL::create);
    }
}
