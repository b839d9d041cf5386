package io.vireo.tracking.crop;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import io.vireo.tracking.geometry.Box;
import io.vireo.tracking.image.Frames;
import java.util.Objects;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** Cuts region views out of frames and encodes them for pair records. */
public final class Crops {

    public static final int DEFAULT_JPEG_QUALITY = 90;

    private Crops() {
    }

    /**
     * The frame window a crop of {@code box} reads, in frame pixels: the box grown by the
     * context, squared if the aspect is kept, and (for {@link Padding#SHIFT_INSIDE}) moved inside
     * the frame. Pair records store this so a reader knows exactly what the view shows.
     */
    public static Box window(Box box, int frameWidth, int frameHeight, CropSpec spec) {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(spec, "spec");
        if (box.isEmpty()) {
            throw new IllegalArgumentException("box must not be empty, got " + box);
        }
        Box window = box.scaled(1 + spec.context());
        if (spec.keepAspect()) {
            window = window.squared();
        }
        if (spec.padding() == Padding.SHIFT_INSIDE) {
            window = shiftInside(window, frameWidth, frameHeight, spec.keepAspect());
        }
        return window;
    }

    /**
     * A new {@code viewSize × viewSize} BGR 8-bit view of the region; the caller closes it.
     *
     * @throws IllegalArgumentException if the window does not overlap the frame at all
     */
    public static Mat crop(Mat frame, Box box, CropSpec spec) {
        Frames.requireBgr8(frame, "frame");
        Box window = window(box, frame.cols(), frame.rows(), spec);
        Box visible = window.clipTo(frame.cols(), frame.rows());
        if (visible.isEmpty()) {
            throw new IllegalArgumentException("box " + box + " (window " + window + ") does not overlap the "
                    + frame.cols() + "x" + frame.rows() + " frame");
        }
        int top = visible.y() - window.y();
        int left = visible.x() - window.x();
        int bottom = window.bottom() - visible.bottom();
        int right = window.right() - visible.right();
        // Shrinking averages source pixels (no aliasing); enlarging interpolates.
        int interpolation = window.longSide() > spec.viewSize() ? INTER_AREA : INTER_LINEAR;

        Mat view = new Mat();
        try (Rect rect = visible.toRect(); Mat roi = new Mat(frame, rect);
                Size size = new Size(spec.viewSize(), spec.viewSize())) {
            if (top == 0 && left == 0 && bottom == 0 && right == 0) {
                resize(roi, view, size, 0, 0, interpolation);
            } else {
                int border = spec.padding() == Padding.BLACK ? BORDER_CONSTANT : BORDER_REPLICATE;
                try (Mat padded = new Mat(); Scalar black = Scalar.all(0)) {
                    copyMakeBorder(roi, padded, top, bottom, left, right, border, black);
                    resize(padded, view, size, 0, 0, interpolation);
                }
            }
        }
        return view;
    }

    /** Encodes an image (any size) as JPEG at {@link #DEFAULT_JPEG_QUALITY} or as PNG. */
    public static byte[] encode(Mat image, ImageFormat format) {
        return encode(image, format, DEFAULT_JPEG_QUALITY);
    }

    /** @param jpegQuality 1-100, used for JPEG only */
    public static byte[] encode(Mat image, ImageFormat format, int jpegQuality) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(format, "format");
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("jpegQuality must be in [1, 100], got " + jpegQuality);
        }
        try (BytePointer buffer = new BytePointer()) {
            boolean encoded;
            if (format == ImageFormat.JPEG) {
                try (IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, jpegQuality)) {
                    encoded = imencode(format.extension(), image, buffer, params);
                }
            } else {
                encoded = imencode(format.extension(), image, buffer);
            }
            if (!encoded) {
                throw new IllegalStateException("OpenCV could not encode a " + image.cols() + "x" + image.rows()
                        + " image as " + format);
            }
            byte[] bytes = new byte[(int) buffer.limit()];
            buffer.get(bytes);
            return bytes;
        }
    }

    /** Crops and encodes in one step, releasing the intermediate view. */
    public static byte[] cropAndEncode(Mat frame, Box box, CropSpec spec, ImageFormat format) {
        try (Mat view = crop(frame, box, spec)) {
            return encode(view, format);
        }
    }

    /** Decodes JPEG or PNG bytes into a new BGR 8-bit image; the caller closes it. */
    public static Mat decode(byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded");
        try (Mat buffer = new Mat(1, encoded.length, CV_8UC1)) {
            buffer.data().put(encoded);
            Mat image = imdecode(buffer, IMREAD_COLOR);
            if (image == null || image.empty()) {
                throw new IllegalArgumentException("encoded bytes are not a decodable image (" + encoded.length + " bytes)");
            }
            return image;
        }
    }

    private static Box shiftInside(Box window, int frameWidth, int frameHeight, boolean keepSquare) {
        int width = Math.min(window.width(), frameWidth);
        int height = Math.min(window.height(), frameHeight);
        if (keepSquare) {
            width = height = Math.min(width, height);
        }
        Box resized = Box.centeredAt(window.centerX(), window.centerY(), width, height);
        int x = Math.max(0, Math.min(resized.x(), frameWidth - width));
        int y = Math.max(0, Math.min(resized.y(), frameHeight - height));
        return Box.of(x, y, width, height);
    }
}
