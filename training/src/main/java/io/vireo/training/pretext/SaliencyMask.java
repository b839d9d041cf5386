package io.vireo.training.pretext;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_OTSU;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_saliency.StaticSaliencySpectralResidual;

/**
 * Unsupervised foreground mask for ReLICv2's background removal: spectral residual saliency (Hou &amp;
 * Zhang 2007) from OpenCV's saliency module (shipped by JavaCV), smoothed and Otsu-thresholded.
 * Pixels outside the mask are replaced by a flat grey, which after
 * normalisation is close to zero input — no background texture or colour left to shortcut on.
 *
 * <p>Not thread-safe (the OpenCV algorithm object holds buffers): one instance per augmentation thread.
 */
public final class SaliencyMask {
    /** Spectral residual works at a small fixed resolution (64 in the paper). */
    private static final int WORK_SIZE = 64;
    /** Gaussian σ as a fraction of the side (Hou and Zhang: 8 px at 64 px is 1/8; less keeps small objects separate). */
    private static final double SMOOTHING = 0.06;
    private static final Scalar GREY = new Scalar(124, 116, 104, 0); // ImageNet mean, BGR

    private final StaticSaliencySpectralResidual saliency = new StaticSaliencySpectralResidual();

    public SaliencyMask() {
        saliency.setImageWidth(WORK_SIZE);
        saliency.setImageHeight(WORK_SIZE);
    }

    /** 8-bit mask at the image's size: 255 = salient (kept), 0 = background. */
    public Mat foreground(Mat bgr) {
        Mat map = new Mat();
        if (!saliency.computeSaliency(bgr, map)) {
            throw new IllegalStateException("spectral residual saliency failed on a " + bgr.cols() + "x" + bgr.rows() + " image");
        }
        // The raw spectral residual responds to edges; Hou and Zhang smooth it with a wide Gaussian
        // (σ = 8 at 64 px), which fills object interiors between their edges.
        double sigma = Math.max(1.0, SMOOTHING * Math.min(bgr.cols(), bgr.rows()));
        GaussianBlur(map, map, new Size(0, 0), sigma);
        org.bytedeco.opencv.global.opencv_core.normalize(map, map, 0, 255,
                org.bytedeco.opencv.global.opencv_core.NORM_MINMAX, -1, null);
        Mat map8 = new Mat();
        map.convertTo(map8, CV_8U);
        Mat full = new Mat();
        threshold(map8, full, 0, 255, THRESH_BINARY | THRESH_OTSU);
        return full;
    }

    /**
     * A copy with the background set to grey. If the mask is degenerate (nothing or almost everything
     * salient), the image is returned unchanged: removing nothing, or everything, teaches nothing.
     */
    public Mat removeBackground(Mat bgr) {
        Mat mask = foreground(bgr);
        double fraction = countNonZero(mask) / (double) (mask.rows() * mask.cols());
        Mat out = bgr.clone();
        if (fraction < 0.02 || fraction > 0.98) {
            return out;
        }
        Mat background = new Mat();
        org.bytedeco.opencv.global.opencv_core.bitwise_not(mask, background);
        new Mat(bgr.rows(), bgr.cols(), org.bytedeco.opencv.global.opencv_core.CV_8UC3, GREY).copyTo(out, background);
        return out;
    }

    /** Mean of the mask in [0, 1] (fraction kept), for tests and logs. */
    static double keptFraction(Mat mask) {
        return mean(mask).get(0) / 255.0;
    }
}
