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
 * ring…); colours (from a small palette), size, position and background are random, so colour
 * carries no label information and a representation has to encode shape to separate classes. Image i is a pure
 * function of (seed, i).
 *
 * <p>{@code colours} is how many palette colours are drawn from. Colour carries no label, but it does
 * carry instance identity, and the MoCo v2 augmentations (hue ±0.1, grayscale only 20 % of the
 * time) keep most of it. So instance discrimination on short runs learns colour pairs first, and a
 * kNN probe on shape drops towards chance (measured: 0.391 → 0.313 in 150 steps with 6 colours;
 * a PyTorch MoCo v2 on the same images behaves the same way). The same holds, more weakly, for a
 * per-image jitter of one colour pair: colour jitter moves background and shape together, so their
 * relation still fingerprints the instance, and a short run learns that instead of shape (kNN
 * 0.684 → 0.539 in Vireo, 0.715 → 0.656 in the PyTorch reference on the same images). So with
 * {@code colours = 1} both colours are exact, and the instance cues left are shape, size and position.
 */
public final class SyntheticShapesSource implements ImageSource {
    private static final List<String> SHAPES = List.of("circle", "square", "triangle", "cross", "ring", "bar");

    private final long size;
    private final int classes;
    private final int imageSize;
    private final int colours;
    private final Layout layout;
    private final long seed;

    /** Where and how large the shape is drawn. */
    public enum Layout {
        /** Side 36–64 % of the image, anywhere: most of the image is flat background. */
        SCATTERED,
        /**
         * Side 64–84 % of the image, centred within ±1/12 of the image side: the shape spans the whole
         * 3×3 grid, so every cell shows a part of it (a corner, an edge, an arc) that depends on where the
         * cell is — the object-centric framing of photographs that relative patch location exploits.
         */
        CENTRED_LARGE
    }

    /** With the full palette ({@link #PALETTE_SIZE} colours). */
    public SyntheticShapesSource(long size, int classes, int imageSize, long seed) {
        this(size, classes, imageSize, PALETTE_SIZE, seed);
    }

    /**
     * @param colours 1: every image is the same light grey shape on the same dark grey background (no jitter);
     *                2…{@value #PALETTE_SIZE}: background and shape colours are two different entries of the
     *                first {@code colours} palette colours
     */
    public SyntheticShapesSource(long size, int classes, int imageSize, int colours, long seed) {
        this(size, classes, imageSize, colours, Layout.SCATTERED, seed);
    }

    /** @param layout where and how large shapes are drawn (the other constructors use {@link Layout#SCATTERED}) */
    public SyntheticShapesSource(long size, int classes, int imageSize, int colours, Layout layout, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("data.images: must be >= 1, got " + size);
        }
        if (classes < 2 || classes > SHAPES.size()) {
            throw new IllegalArgumentException("data.classes: must be in [2, " + SHAPES.size() + "], got " + classes);
        }
        if (imageSize < 16) {
            throw new IllegalArgumentException("data.imageSize: must be >= 16, got " + imageSize);
        }
        if (colours < 1 || colours > PALETTE_SIZE) {
            throw new IllegalArgumentException("data.colours: must be in [1, " + PALETTE_SIZE + "], got " + colours);
        }
        this.size = size;
        this.classes = classes;
        this.colours = colours;
        this.imageSize = imageSize;
        this.layout = java.util.Objects.requireNonNull(layout, "layout");
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
        Scalar bg = exact(PALETTE[MONO_BACKGROUND]);
        Scalar fg = exact(PALETTE[MONO_FOREGROUND]);
        if (colours > 1) {
            int bgIndex = r.nextInt(colours);
            int fgIndex = (bgIndex + 1 + r.nextInt(colours - 1)) % colours;
            bg = jitter(PALETTE[bgIndex], r);
            fg = jitter(PALETTE[fgIndex], r);
        }
        Mat m = new Mat(imageSize, imageSize, CV_8UC3, bg);
        int s = imageSize;
        int half, cx, cy, thick;
        if (layout == Layout.SCATTERED) {
            half = (int) (s * (0.18 + 0.14 * r.nextDouble()));
            cx = half + 2 + r.nextInt(Math.max(1, s - 2 * half - 4));
            cy = half + 2 + r.nextInt(Math.max(1, s - 2 * half - 4));
            thick = Math.max(2, s / 16);
        } else {
            half = (int) (s * (0.32 + 0.10 * r.nextDouble()));
            int shift = s / 12;
            cx = s / 2 + r.nextInt(-shift, shift + 1);
            cy = s / 2 + r.nextInt(-shift, shift + 1);
            thick = Math.max(2, s / 8);
        }
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

    /**
     * Colours come from a small palette (BGR) with slight jitter. With fully random colours every
     * image has its own colour pair, and instance discrimination is solved by colour alone (the
     * shortcut SimCLR describes), so shape is never learned. With a few colours many images share
     * a pair, and telling instances apart needs shape, size and layout.
     */
    private static final int[][] PALETTE = {
        {40, 40, 200}, {40, 180, 40}, {200, 80, 40}, {40, 200, 220}, {200, 200, 200}, {60, 60, 60},
    };
    public static final int PALETTE_SIZE = 6;
    private static final int MONO_BACKGROUND = 5;
    private static final int MONO_FOREGROUND = 4;

    private static Scalar jitter(int[] bgr, SplittableRandom r) {
        return new Scalar(clamp(bgr[0] + r.nextInt(-20, 21)), clamp(bgr[1] + r.nextInt(-20, 21)),
                clamp(bgr[2] + r.nextInt(-20, 21)), 0);
    }

    private static Scalar exact(int[] bgr) {
        return new Scalar(bgr[0], bgr[1], bgr[2], 0);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
