package io.vireo.tracking.image;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;

/** Checks and conversions for the frames this module accepts: BGR, 8 bits per channel. */
public final class Frames {

    private Frames() {
    }

    /** @throws IllegalArgumentException naming {@code what} if the frame is missing, empty or not BGR 8-bit */
    public static Mat requireBgr8(Mat frame, String what) {
        Objects.requireNonNull(frame, what);
        if (frame.empty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (frame.type() != CV_8UC3) {
            throw new IllegalArgumentException(what + " must be BGR 8-bit (CV_8UC3), got Mat type " + frame.type());
        }
        return frame;
    }

    /** @throws IllegalArgumentException naming {@code what} if the two frames differ in size */
    public static void requireSameSize(Mat expected, Mat actual, String what) {
        if (expected.cols() != actual.cols() || expected.rows() != actual.rows()) {
            throw new IllegalArgumentException(what + " must be " + expected.cols() + "x" + expected.rows()
                    + ", got " + actual.cols() + "x" + actual.rows());
        }
    }

    /** A new single-channel 8-bit grey image; the caller closes it. */
    public static Mat toGray(Mat bgr) {
        Mat gray = new Mat();
        cvtColor(bgr, gray, COLOR_BGR2GRAY);
        return gray;
    }
}
