package io.vireo.eval.images;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.nio.file.Files;
import java.nio.file.Path;

import org.bytedeco.opencv.opencv_core.Mat;

/** Image decoding with errors that name the file. */
public final class Images {

    private Images() {
    }

    /** 8-bit BGR (OpenCV's layout, what training's transforms take); grey images become 3 channels. */
    public static Mat readBgr(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("image not found: " + file);
        }
        Mat m = imread(file.toString(), IMREAD_COLOR);
        if (m == null || m.empty()) {
            throw new IllegalArgumentException("cannot decode image " + file);
        }
        return m;
    }
}
