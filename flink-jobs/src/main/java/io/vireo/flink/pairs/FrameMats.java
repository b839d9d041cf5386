package io.vireo.flink.pairs;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.vireo.flink.record.DecodedFrame;
import org.bytedeco.opencv.opencv_core.Mat;

/** Bridges decoded frames to OpenCV. */
public final class FrameMats {

    private FrameMats() {
    }

    /**
     * A new BGR 8-bit Mat holding a copy of the frame's pixels; the caller closes it. A copy
     * because the Mat lives in native memory, which OpenCV's trackers and crops read directly.
     */
    public static Mat toMat(DecodedFrame frame) {
        Mat mat = new Mat(frame.height(), frame.width(), CV_8UC3);
        // A freshly allocated Mat is continuous, so its rows are exactly width*3 bytes apart like ours.
        mat.data().put(frame.bgr());
        return mat;
    }
}
