package io.vireo.tracking.proposal;

import io.vireo.tracking.geometry.Box;
import java.io.Serializable;

/**
 * Limits and thresholds shared by the proposers.
 *
 * @param maxProposals       most proposals returned per frame, >= 1
 * @param minSide            smallest box side in pixels, >= 1; smaller regions are too small to track or crop
 * @param maxAreaFraction    largest box area as a share of the frame area, in (0, 1]; a box covering
 *                           most of the frame is the frame, and frame pairs already cover that
 * @param maxAspectRatio     largest long-side/short-side ratio, >= 1; slivers are mostly edges of things
 * @param nmsIou             non-maximum suppression drops a proposal whose IoU with a better one
 *                           exceeds this, in (0, 1]
 * @param cannyLow           lower hysteresis threshold of the edge detector, >= 0
 * @param cannyHigh          upper hysteresis threshold of the edge detector, >= cannyLow
 * @param motionThreshold    smallest absolute grey-level change (0-255) counted as motion, in [1, 255]
 * @param minTexturedShare   smallest share, in [0, 1], of the cells of a 4x4 grid over the box that
 *                           must hold edges: a box that is flat in places (a plain surface, a painted
 *                           bar, a shadow, or a flat thing next to a textured one merged into one
 *                           blob) gives a tracker little to hold on to and is rarely one object
 */
public record ProposalConfig(
        int maxProposals,
        int minSide,
        double maxAreaFraction,
        double maxAspectRatio,
        double nmsIou,
        double cannyLow,
        double cannyHigh,
        int motionThreshold,
        double minTexturedShare) implements Serializable {

    public ProposalConfig {
        if (maxProposals < 1) {
            throw new IllegalArgumentException("maxProposals must be >= 1, got " + maxProposals);
        }
        if (minSide < 1) {
            throw new IllegalArgumentException("minSide must be >= 1, got " + minSide);
        }
        if (!(maxAreaFraction > 0 && maxAreaFraction <= 1)) {
            throw new IllegalArgumentException("maxAreaFraction must be in (0, 1], got " + maxAreaFraction);
        }
        if (!(maxAspectRatio >= 1) || Double.isInfinite(maxAspectRatio)) {
            throw new IllegalArgumentException("maxAspectRatio must be finite and >= 1, got " + maxAspectRatio);
        }
        if (!(nmsIou > 0 && nmsIou <= 1)) {
            throw new IllegalArgumentException("nmsIou must be in (0, 1], got " + nmsIou);
        }
        if (!(cannyLow >= 0)) {
            throw new IllegalArgumentException("cannyLow must be >= 0, got " + cannyLow);
        }
        if (!(cannyHigh >= cannyLow)) {
            throw new IllegalArgumentException("cannyHigh must be >= cannyLow (" + cannyLow + "), got " + cannyHigh);
        }
        if (motionThreshold < 1 || motionThreshold > 255) {
            throw new IllegalArgumentException("motionThreshold must be in [1, 255], got " + motionThreshold);
        }
        if (!(minTexturedShare >= 0 && minTexturedShare <= 1)) {
            throw new IllegalArgumentException("minTexturedShare must be in [0, 1], got " + minTexturedShare);
        }
    }

    public static final double DEFAULT_MIN_TEXTURED_SHARE = 0.85;

    public static ProposalConfig defaults() {
        return new ProposalConfig(8, 24, 0.5, 3.0, 0.5, 50, 150, 25, DEFAULT_MIN_TEXTURED_SHARE);
    }

    public ProposalConfig withMaxProposals(int value) {
        return new ProposalConfig(value, minSide, maxAreaFraction, maxAspectRatio, nmsIou, cannyLow, cannyHigh, motionThreshold, minTexturedShare);
    }

    public ProposalConfig withMinSide(int value) {
        return new ProposalConfig(maxProposals, value, maxAreaFraction, maxAspectRatio, nmsIou, cannyLow, cannyHigh, motionThreshold, minTexturedShare);
    }

    public ProposalConfig withMaxAreaFraction(double value) {
        return new ProposalConfig(maxProposals, minSide, value, maxAspectRatio, nmsIou, cannyLow, cannyHigh, motionThreshold, minTexturedShare);
    }

    public ProposalConfig withMaxAspectRatio(double value) {
        return new ProposalConfig(maxProposals, minSide, maxAreaFraction, value, nmsIou, cannyLow, cannyHigh, motionThreshold, minTexturedShare);
    }

    public ProposalConfig withNmsIou(double value) {
        return new ProposalConfig(maxProposals, minSide, maxAreaFraction, maxAspectRatio, value, cannyLow, cannyHigh, motionThreshold, minTexturedShare);
    }

    public ProposalConfig withCannyThresholds(double low, double high) {
        return new ProposalConfig(maxProposals, minSide, maxAreaFraction, maxAspectRatio, nmsIou, low, high, motionThreshold, minTexturedShare);
    }

    public ProposalConfig withMotionThreshold(int value) {
        return new ProposalConfig(maxProposals, minSide, maxAreaFraction, maxAspectRatio, nmsIou, cannyLow, cannyHigh, value, minTexturedShare);
    }

    public ProposalConfig withMinTexturedShare(double value) {
        return new ProposalConfig(maxProposals, minSide, maxAreaFraction, maxAspectRatio, nmsIou, cannyLow, cannyHigh,
                motionThreshold, value);
    }

    /** Whether a (frame-clipped) box is within the size and shape limits on a frame of this size. */
    public boolean admits(Box box, int frameWidth, int frameHeight) {
        return box.shortSide() >= minSide
                && box.elongation() <= maxAspectRatio
                && box.area() <= maxAreaFraction * frameWidth * (double) frameHeight;
    }
}
