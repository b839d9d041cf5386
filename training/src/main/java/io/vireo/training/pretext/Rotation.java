package io.vireo.training.pretext;

import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.rotate;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Rotation pretext task (Gidaris et al. 2018): the image rotated by k·90° counter-clockwise, label k ∈ {0..3}.
 * As in the paper (and Revisiting SSL), every image contributes all four rotations to a batch, so
 * the label distribution is exactly uniform and chance is 25 %.
 */
public record Rotation(int outSize) {
    public static final int CLASSES = 4;

    public Rotation {
        if (outSize < 8) {
            throw new IllegalArgumentException("rotation.size: must be >= 8, got " + outSize);
        }
    }

    /** CHW floats of the image (resized to outSize², then rotated by k·90°). */
    public float[] apply(Mat bgr, int k) {
        Mat img = Chw.resized(bgr, outSize);
        Mat out = new Mat();
        switch (Math.floorMod(k, CLASSES)) {
            case 0 -> out = img;
            case 1 -> rotate(img, out, ROTATE_90_COUNTERCLOCKWISE);
            case 2 -> rotate(img, out, ROTATE_180);
            default -> rotate(img, out, ROTATE_90_CLOCKWISE);
        }
        return Chw.of(out);
    }
}
