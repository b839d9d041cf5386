package io.vireo.tracking.proposal;

import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_HEIGHT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_LEFT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_TOP;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_WIDTH;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import io.vireo.tracking.geometry.Box;
import io.vireo.tracking.image.Frames;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Proposes regions that changed between two consecutive frames: grey-level difference,
 * thresholded, closed so one moving thing forms one blob, then connected components. Ranked by
 * the number of changed pixels. With a static camera this finds moving objects directly; with a
 * moving camera everything changes and the size limits reject the result.
 *
 * <p>A blob covers the thing's positions in both frames, so the box is slightly larger than the
 * thing by the distance it moved; trackers tolerate that at the small per-frame motions it assumes.
 */
public final class MotionProposer implements RegionProposer {

    public static final String NAME = "motion";

    /** Closing kernel side as a share of the frame's short side: joins a moving thing's fragments. */
    private static final double CLOSING_SCALE = 0.04;

    private final ProposalConfig config;

    public MotionProposer(ProposalConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** A single frame carries no motion, so there is nothing to propose. */
    @Override
    public List<Proposal> propose(Mat frame) {
        Frames.requireBgr8(frame, "frame");
        return List.of();
    }

    @Override
    public List<Proposal> propose(Mat previousFrame, Mat frame) {
        Frames.requireBgr8(previousFrame, "previousFrame");
        Frames.requireBgr8(frame, "frame");
        Frames.requireSameSize(frame, previousFrame, "previousFrame");
        int width = frame.cols();
        int height = frame.rows();
        int kernelSide = Math.max(3, (int) Math.round(CLOSING_SCALE * Math.min(width, height)));
        List<Proposal> found = new ArrayList<>();
        try (Mat before = Frames.toGray(previousFrame); Mat after = Frames.toGray(frame);
                Mat mask = new Mat(); Mat labels = new Mat(); Mat stats = new Mat(); Mat centroids = new Mat();
                Size blur = new Size(5, 5); Size kernelSize = new Size(kernelSide, kernelSide);
                Mat kernel = getStructuringElement(MORPH_ELLIPSE, kernelSize)) {
            absdiff(before, after, mask);
            // Compression noise flickers single pixels; blurring first keeps only coherent change.
            GaussianBlur(mask, mask, blur, 0);
            threshold(mask, mask, config.motionThreshold() - 1, 255, THRESH_BINARY);
            morphologyEx(mask, mask, MORPH_CLOSE, kernel);
            int count = connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
            try (IntIndexer s = stats.createIndexer()) {
                for (int label = 1; label < count; label++) { // label 0 is the unchanged background
                    Box box = Box.of(s.get(label, CC_STAT_LEFT), s.get(label, CC_STAT_TOP),
                            s.get(label, CC_STAT_WIDTH), s.get(label, CC_STAT_HEIGHT));
                    if (config.admits(box, width, height)) {
                        found.add(new Proposal(box, s.get(label, CC_STAT_AREA), NAME));
                    }
                }
            }
        }
        return NonMaximumSuppression.apply(found, config.nmsIou(), config.maxProposals());
    }
}
