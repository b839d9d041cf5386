package io.vireo.tracking.proposal;

import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.integral;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import io.vireo.tracking.geometry.Box;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Counts of "on" pixels of a binary map over arbitrary boxes in O(1) each, through the map's
 * integral image. Holds native memory: close it.
 */
final class EdgeMap implements AutoCloseable {

    private final Mat sums = new Mat();
    private final IntIndexer indexer;
    private final int width;
    private final int height;

    /** @param binary 8-bit map, non-zero = on */
    EdgeMap(Mat binary) {
        width = binary.cols();
        height = binary.rows();
        try (Mat ones = new Mat()) {
            threshold(binary, ones, 0, 1, THRESH_BINARY);
            integral(ones, sums, CV_32S);
        }
        indexer = sums.createIndexer();
    }

    /** On-pixels inside the box, after clipping it to the map. */
    long count(Box box) {
        Box b = box.clipTo(width, height);
        if (b.isEmpty()) {
            return 0;
        }
        return (long) indexer.get(b.bottom(), b.right()) - indexer.get(b.y(), b.right())
                - indexer.get(b.bottom(), b.x()) + indexer.get(b.y(), b.x());
    }

    /** Share of on-pixels in the box (clipped); 0 for an empty box. */
    double density(Box box) {
        Box b = box.clipTo(width, height);
        return b.isEmpty() ? 0.0 : (double) count(b) / b.area();
    }

    /**
     * Share of the cells of a {@code grid} x {@code grid} partition of the box whose density
     * exceeds {@code cellDensity}: how evenly the box is textured, 1 when every part of it is.
     */
    double texturedShare(Box box, int grid, double cellDensity) {
        Box b = box.clipTo(width, height);
        if (b.isEmpty()) {
            return 0.0;
        }
        int textured = 0;
        for (int row = 0; row < grid; row++) {
            int y0 = b.y() + row * b.height() / grid;
            int y1 = b.y() + (row + 1) * b.height() / grid;
            for (int col = 0; col < grid; col++) {
                int x0 = b.x() + col * b.width() / grid;
                int x1 = b.x() + (col + 1) * b.width() / grid;
                if (x1 > x0 && y1 > y0 && density(Box.fromCorners(x0, y0, x1, y1)) > cellDensity) {
                    textured++;
                }
            }
        }
        return (double) textured / (grid * grid);
    }

    /**
     * Density inside the box minus density in a ring {@code margin} pixels wide around it: high
     * for a box that wraps a textured thing on a calmer surround, low for a box cut out of
     * uniform texture (where inside and outside look alike).
     */
    double centerSurroundContrast(Box box, int margin) {
        Box inner = box.clipTo(width, height);
        Box outer = box.expanded(margin).clipTo(width, height);
        long ringArea = outer.area() - inner.area();
        double inside = density(inner);
        if (ringArea <= 0) {
            return inside;
        }
        double ring = (double) (count(outer) - count(inner)) / ringArea;
        return inside - ring;
    }

    @Override
    public void close() {
        indexer.close();
        sums.close();
    }
}
