package io.vireo.flink.pairs;

import io.vireo.ingest.record.PairRecord;
import io.vireo.tracking.crop.CropSpec;
import io.vireo.tracking.crop.Crops;
import io.vireo.tracking.crop.ImageFormat;
import io.vireo.tracking.crop.Padding;
import io.vireo.tracking.geometry.Box;
import java.io.Serializable;
import java.util.Locale;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * How both pair builders turn a frame region into a view: square, {@code viewSize} pixels, encoded
 * as JPEG (the pair record's format; about a tenth of PNG's size for training images).
 *
 * @param viewSize side of the square views
 */
public record PairViews(int viewSize) implements Serializable {

    public static final ImageFormat FORMAT = ImageFormat.JPEG;

    public PairViews {
        // CropSpec checks the range and names the limits.
        CropSpec.of(viewSize);
    }

    public String formatName() {
        return FORMAT.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Frame-level views show the largest centred square of the frame: a fixed window, so the two
     * views differ only by what happened in Δt, never by where we cut.
     */
    public Box frameWindow(int width, int height) {
        return Crops.window(Box.of(0, 0, width, height), width, height, frameSpec());
    }

    public byte[] frameView(Mat frame) {
        return Crops.cropAndEncode(frame, Box.of(0, 0, frame.cols(), frame.rows()), frameSpec(), FORMAT);
    }

    /** Region views: the tracked box with 10 % context, squared, edges replicated (tracking's default). */
    public byte[] regionView(Mat frame, Box box) {
        return Crops.cropAndEncode(frame, box, CropSpec.of(viewSize), FORMAT);
    }

    static PairRecord.PairBox toPairBox(Box box) {
        return new PairRecord.PairBox(box.x(), box.y(), box.width(), box.height());
    }

    private CropSpec frameSpec() {
        return new CropSpec(viewSize, 0, true, Padding.SHIFT_INSIDE);
    }
}
