package io.vireo.tracking.proposal;

import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.Canny;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_EXTERNAL;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;

import io.vireo.tracking.geometry.Box;
import io.vireo.tracking.image.Frames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Proposes regions where edges cluster more densely than around them: Canny edges are closed
 * (dilate then erode) at a few scales so the edges of one textured thing merge into one blob,
 * each blob's bounding box is a candidate, and candidates are ranked by edge density inside the
 * box minus density in a ring around it. Objects are usually busier than what surrounds them;
 * the ring term stops boxes cut out of a uniformly textured background from ranking high. Boxes
 * that are flat in places are dropped: their edges are mostly the outline of something plain.
 */
public final class EdgeDensityProposer implements RegionProposer {

    public static final String NAME = "edges";

    /** Closing kernel sides as shares of the frame's short side: merge fine, medium and coarse structure. */
    private static final double[] CLOSING_SCALES = {0.03, 0.06, 0.12};
    /** Cells per side of the grid over which a box's texture is checked. */
    private static final int TEXTURE_GRID = 4;
    /** Edge share above which a cell counts as textured: a few edge pixels, not a stray one. */
    private static final double TEXTURED_CELL_DENSITY = 0.02;
    /** Ring width around a box, as a share of the box's short side. */
    private static final double SURROUND_SHARE = 0.25;

    private final ProposalConfig config;

    public EdgeDensityProposer(ProposalConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Proposal> propose(Mat frame) {
        Frames.requireBgr8(frame, "frame");
        int width = frame.cols();
        int height = frame.rows();
        try (Mat gray = Frames.toGray(frame); Mat edges = new Mat(); Size blur = new Size(3, 3)) {
            // Canny's own 3x3 Sobel still fires on sensor noise; a light blur keeps real edges.
            GaussianBlur(gray, gray, blur, 0);
            Canny(gray, edges, config.cannyLow(), config.cannyHigh());

            Set<Box> candidates = new LinkedHashSet<>();
            int shortSide = Math.min(width, height);
            for (double scale : CLOSING_SCALES) {
                candidates.addAll(blobBoxes(edges, Math.max(3, (int) Math.round(scale * shortSide))));
            }

            List<Proposal> scored = new ArrayList<>();
            try (EdgeMap edgeMap = new EdgeMap(edges)) {
                for (Box candidate : candidates) {
                    Box box = candidate.clipTo(width, height);
                    if (!config.admits(box, width, height)) {
                        continue;
                    }
                    double textured = edgeMap.texturedShare(box, TEXTURE_GRID, TEXTURED_CELL_DENSITY);
                    if (textured < config.minTexturedShare()) {
                        continue;
                    }
                    int margin = Math.max(2, (int) Math.round(SURROUND_SHARE * box.shortSide()));
                    // Between a tight box and a looser one around the same thing plus a flat neighbour,
                    // the texture share prefers the tight one.
                    double score = edgeMap.centerSurroundContrast(box, margin) * textured;
                    if (score > 0) {
                        scored.add(new Proposal(box, score, NAME));
                    }
                }
            }
            return NonMaximumSuppression.apply(scored, config.nmsIou(), config.maxProposals());
        }
    }

    private static List<Box> blobBoxes(Mat edges, int kernelSide) {
        List<Box> boxes = new ArrayList<>();
        try (Size kernelSize = new Size(kernelSide, kernelSide);
                Mat kernel = getStructuringElement(MORPH_RECT, kernelSize);
                Mat closed = new Mat();
                MatVector contours = new MatVector()) {
            morphologyEx(edges, closed, MORPH_CLOSE, kernel);
            findContours(closed, contours, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE);
            for (long i = 0; i < contours.size(); i++) {
                try (Mat contour = contours.get(i); Rect rect = boundingRect(contour)) {
                    boxes.add(Box.fromRect(rect));
                }
            }
        }
        return boxes;
    }
}
