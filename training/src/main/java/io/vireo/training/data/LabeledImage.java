package io.vireo.training.data;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One decoded image (8-bit BGR, OpenCV layout) and its class index, or {@link #NO_LABEL}.
 * Labels are never used for training; they are kept for probes.
 */
public record LabeledImage(Mat image, int label) {
    public static final int NO_LABEL = -1;
}
