package io.vireo.tracking.testing;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import io.vireo.tracking.geometry.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Synthetic frames with exact ground truth: textured objects (coloured checkerboards with noise)
 * pasted over a textured background. Seeds make every frame reproducible.
 */
public final class SyntheticScene {

    private SyntheticScene() {
    }

    /** Seeded uniform noise, optionally blurred so the background is textured but lower in contrast than objects. */
    public static Mat noise(int width, int height, long seed, int low, int high, double blurSigma) {
        byte[] bytes = new byte[width * height * 3];
        Random random = new Random(seed);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (low + random.nextInt(high - low + 1));
        }
        Mat mat = new Mat(height, width, CV_8UC3);
        mat.data().put(bytes);
        if (blurSigma > 0) {
            GaussianBlur(mat, mat, new Size(0, 0), blurSigma);
        }
        return mat;
    }

    /** A background the trackers can lock onto (so it is not trivially flat) but with softer edges than objects. */
    public static Mat background(int width, int height, long seed) {
        return noise(width, height, seed, 40, 200, 2.5);
    }

    /** A coloured checkerboard with noise: strong edges and a unique appearance per seed. */
    public static Mat object(int width, int height, int cell, long seed) {
        Mat obj = noise(width, height, seed, 0, 60, 0);
        Random random = new Random(seed * 31 + 7);
        for (int y = 0; y < height; y += cell) {
            for (int x = 0; x < width; x += cell) {
                if (((x / cell) + (y / cell)) % 2 == 0) {
                    Scalar colour = new Scalar(150 + random.nextInt(100), 150 + random.nextInt(100),
                            150 + random.nextInt(100), 0);
                    rectangle(obj, new Point(x, y), new Point(Math.min(x + cell, width) - 1,
                            Math.min(y + cell, height) - 1), colour, -1, 8, 0);
                }
            }
        }
        return obj;
    }

    /** Copies {@code background} and pastes each object at its box (boxes must lie inside the frame). */
    public static Mat compose(Mat background, List<Mat> objects, List<Box> boxes) {
        Mat frame = background.clone();
        for (int i = 0; i < objects.size(); i++) {
            Box b = boxes.get(i);
            try (Rect roi = b.toRect(); Mat target = new Mat(frame, roi)) {
                objects.get(i).copyTo(target);
            }
        }
        return frame;
    }

    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;
    public static final int OBJECT_SIDE = 48;

    /** One object moving along a gentle curve; {@link Clip#boxes()} is the ground truth per frame. */
    public static Clip movingObject(int frameCount, long seed) {
        return clip(frameCount, seed, SyntheticScene::curvedPath, frameCount);
    }

    /** The curved path of {@link #movingObject}: 4 px/frame to the right, bobbing vertically. */
    public static Box curvedPath(int frame) {
        return Box.of(40 + 4 * frame, 90 + (int) Math.round(25 * Math.sin(frame / 6.0)), OBJECT_SIDE, OBJECT_SIDE);
    }

    /**
     * One object following {@code path}; from frame {@code visibleFrames} on it is gone (only the
     * background remains). Boxes reaching outside the frame are drawn clipped.
     */
    public static Clip clip(int frameCount, long seed, IntFunction<Box> path, int visibleFrames) {
        Mat background = background(WIDTH, HEIGHT, seed);
        Mat object = object(OBJECT_SIDE, OBJECT_SIDE, 8, seed + 1);
        List<Mat> frames = new ArrayList<>();
        List<Box> boxes = new ArrayList<>();
        for (int i = 0; i < frameCount; i++) {
            Box box = path.apply(i);
            boxes.add(box);
            Mat frame = background.clone();
            Box visible = box.clipTo(WIDTH, HEIGHT);
            if (i < visibleFrames && !visible.isEmpty()) {
                Box inObject = visible.translated(-box.x(), -box.y());
                try (Rect src = inObject.toRect(); Rect dst = visible.toRect();
                        Mat part = new Mat(object, src); Mat target = new Mat(frame, dst)) {
                    part.copyTo(target);
                }
            }
            frames.add(frame);
        }
        background.close();
        object.close();
        return new Clip(frames, boxes);
    }

    /** Frames plus the true box on each; closing releases the frames. */
    public record Clip(List<Mat> frames, List<Box> boxes) implements AutoCloseable {
        @Override
        public void close() {
            frames.forEach(Mat::close);
        }
    }
}
