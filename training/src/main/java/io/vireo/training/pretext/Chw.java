package io.vireo.training.pretext;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.FloatBuffer;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * 8-bit BGR Mat → float CHW RGB, normalised with the ImageNet mean/std — the same convention as
 * {@link io.vireo.training.augment.MocoV2Augment}, so every method feeds the encoder the same input scale.
 * One OpenCV convertTo per channel, no per-pixel Java loop.
 */
public final class Chw {
    private static final double[] MEAN_RGB = {0.485, 0.456, 0.406};
    private static final double[] STD_RGB = {0.229, 0.224, 0.225};

    private Chw() {
    }

    /** Converts a square BGR image (any side) to CHW floats, length 3·side². */
    public static float[] of(Mat bgr) {
        if (bgr.rows() != bgr.cols() || bgr.channels() != 3) {
            throw new IllegalArgumentException("expected a square 3-channel image, got " + bgr.cols() + "x" + bgr.rows()
                    + "x" + bgr.channels());
        }
        int plane = bgr.rows() * bgr.cols();
        float[] out = new float[3 * plane];
        MatVector ch = new MatVector(3);
        split(bgr, ch);
        for (int rgb = 0; rgb < 3; rgb++) {
            Mat f = new Mat();
            ch.get(2 - rgb).convertTo(f, CV_32F, 1.0 / (255.0 * STD_RGB[rgb]), -MEAN_RGB[rgb] / STD_RGB[rgb]);
            FloatBuffer fb = f.createBuffer();
            fb.get(out, rgb * plane, plane);
        }
        return out;
    }

    /** Area-resampled copy at side × side. */
    public static Mat resized(Mat bgr, int side) {
        Mat out = new Mat();
        resize(bgr, out, new Size(side, side), 0, 0, INTER_AREA);
        return out;
    }
}
