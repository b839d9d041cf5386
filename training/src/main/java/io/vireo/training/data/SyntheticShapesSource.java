package io.vireo.training.data;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.fillConvexPoly;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.util.List;
import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Procedurally drawn shapes for tests: the class is the shape (circle, square, triangle, cross,
 * ring…); colours, size, position and background are random, so colour carries no label
 * information and a representation has to encode shape to separate classes. Image i is a pure
 * function of (seed, i).
 */
public final class SyntheticShapesSource implements ImageSource {
    private static final List<String> SHAPES = List.of("circle", "square", "triangle", "cross", "ring", "bar");

    private final long size;
    private final int classes;
    private final int imageSize;
    private final long seed;

    public SyntheticShapesSource(long size, int classes, int imageSize, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("data.images: must be >= 1, got " + size);
        }
        if (classes < 2 || classes > SHAPES.size()) {
            throw new IllegalArgumentException("data.classes: must be in [2, " + SHAPES.size() + "], got " + classes);
        }
        if (imageSize < 16) {
            throw new IllegalArgumentException("data.imageSize: must be >= 16, got " + imageSize);
        }
        this.size = size;
        this.classes = classes;
        this.imageSize = imageSize;
        this.seed = seed;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public List<String> classNames() {
        return SHAPES.subList(0, classes);
    }

    @Override
    public LabeledImage read(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("image " + index + " of " + size);
        }
        SplittableRandom r = new SplittableRandom(seed ^ (0xD1B54A32D192ED03L * (index + 1)));
        int label = (int) (index % classes);
        Scalar bg = randomColor(r);
        Mat m = new Mat(imageSize, imageSize, CV_8UC3, bg);
        Scalar fg = randomColor(r);
        // Keep foreground distinguishable from background so the shape is visible at all.
        while (distance(fg, bg) < 120) {
            fg = randomColor(r);
        }
        int s = imageSize;
        int half = (int) (s * (0.18 + 0.14 * r.nextDouble()));
        int cx = half + 2 + r.nextInt(Math.max(1, s - 2 * half - 4));
        int cy = half + 2 + r.nextInt(Math.max(1, s - 2 * half - 4));
        int thick = Math.max(2, s / 16);
        switch (SHAPES.get(label)) {
            case "circle" -> circle(m, new Point(cx, cy), half, fg, -1, LINE_AA, 0);
            case "square" -> rectangle(m, new Point(cx - half, cy - half), new Point(cx + half, cy + half), fg, -1, LINE_AA, 0);
            case "triangle" -> {
                Point pts = new Point(3);
                pts.position(0).x(cx).y(cy - half);
                pts.position(1).x(cx - half).y(cy + half);
                pts.position(2).x(cx + half).y(cy + half);
                fillConvexPoly(m, pts.position(0), 3, fg, LINE_AA, 0);
            }
            case "cross" -> {
                line(m, new Point(cx - half, cy - half), new Point(cx + half, cy + half), fg, thick, LINE_AA, 0);
                line(m, new Point(cx - half, cy + half), new Point(cx + half, cy - half), fg, thick, LINE_AA, 0);
            }
            case "ring" -> circle(m, new Point(cx, cy), half, fg, thick, LINE_AA, 0);
            default -> rectangle(m, new Point(cx - half, cy - half / 4), new Point(cx + half, cy + half / 4), fg, -1, LINE_AA, 0);
        }
        return new LabeledImage(m, label);
    }

    private static Scalar randomColor(SplittableRandom r) {
        return new Scalar(r.nextInt(256), r.nextInt(256), r.nextInt(256), 0);
    }

    private static double distance(Scalar a, Scalar b) {
        double d = 0;
        for (int i = 0; i < 3; i++) {
            d += Math.abs(a.get(i) - b.get(i));
        }
        return d;
    }
}
