package io.vireo.tracking.geometry;

import org.bytedeco.opencv.opencv_core.Rect;

/**
 * An axis-aligned box in pixel coordinates of a frame: top-left corner (x, y), inclusive, and
 * size. Integer pixels because OpenCV trackers, ROIs and crops all work in whole pixels; any
 * fractional result (scaling, centering) is rounded once, here.
 *
 * <p>The box may lie partly or wholly outside a frame (trackers report such boxes); use
 * {@link #clipTo(int, int)} and {@link #fractionOutside(int, int)} to reason about that.
 *
 * @param x      left edge, may be negative
 * @param y      top edge, may be negative
 * @param width  >= 0
 * @param height >= 0
 */
public record Box(int x, int y, int width, int height) {

    public Box {
        if (width < 0) {
            throw new IllegalArgumentException("width must be >= 0, got " + width);
        }
        if (height < 0) {
            throw new IllegalArgumentException("height must be >= 0, got " + height);
        }
    }

    public static Box of(int x, int y, int width, int height) {
        return new Box(x, y, width, height);
    }

    /** The box spanning [x0, x1) × [y0, y1); an inverted span gives an empty box. */
    public static Box fromCorners(int x0, int y0, int x1, int y1) {
        return new Box(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    /** The box of the given size centred on (cx, cy), rounded to whole pixels. */
    public static Box centeredAt(double cx, double cy, double width, double height) {
        int w = (int) Math.round(Math.max(0, width));
        int h = (int) Math.round(Math.max(0, height));
        return new Box((int) Math.round(cx - w / 2.0), (int) Math.round(cy - h / 2.0), w, h);
    }

    public static Box fromRect(Rect rect) {
        return new Box(rect.x(), rect.y(), Math.max(0, rect.width()), Math.max(0, rect.height()));
    }

    /** A new native Rect; the caller owns it (close it, or let it be garbage collected). */
    public Rect toRect() {
        return new Rect(x, y, width, height);
    }

    /** Writes this box into an existing Rect, so hot loops need not allocate native memory. */
    public Rect writeTo(Rect rect) {
        return rect.x(x).y(y).width(width).height(height);
    }

    /** Exclusive right edge. */
    public int right() {
        return x + width;
    }

    /** Exclusive bottom edge. */
    public int bottom() {
        return y + height;
    }

    public long area() {
        return (long) width * height;
    }

    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    public double centerX() {
        return x + width / 2.0;
    }

    public double centerY() {
        return y + height / 2.0;
    }

    public int shortSide() {
        return Math.min(width, height);
    }

    public int longSide() {
        return Math.max(width, height);
    }

    /** Long side over short side (>= 1); infinite for an empty box. */
    public double elongation() {
        return shortSide() == 0 ? Double.POSITIVE_INFINITY : (double) longSide() / shortSide();
    }

    /** The overlap of the two boxes; empty (at this box's corner) when they do not overlap. */
    public Box intersection(Box other) {
        int x0 = Math.max(x, other.x);
        int y0 = Math.max(y, other.y);
        int x1 = Math.min(right(), other.right());
        int y1 = Math.min(bottom(), other.bottom());
        if (x1 <= x0 || y1 <= y0) {
            return new Box(x, y, 0, 0);
        }
        return fromCorners(x0, y0, x1, y1);
    }

    /** Intersection over union; 0 when either box is empty. */
    public double iou(Box other) {
        long inter = intersection(other).area();
        long union = area() + other.area() - inter;
        return union == 0 ? 0.0 : (double) inter / union;
    }

    /** The part of this box inside a frame of the given size (possibly empty). */
    public Box clipTo(int frameWidth, int frameHeight) {
        return intersection(new Box(0, 0, frameWidth, frameHeight));
    }

    /** Share of this box's area that lies outside the frame: 0 fully inside, 1 fully outside or empty. */
    public double fractionOutside(int frameWidth, int frameHeight) {
        if (isEmpty()) {
            return 1.0;
        }
        return 1.0 - (double) clipTo(frameWidth, frameHeight).area() / area();
    }

    public boolean isInside(int frameWidth, int frameHeight) {
        return x >= 0 && y >= 0 && right() <= frameWidth && bottom() <= frameHeight;
    }

    public Box translated(int dx, int dy) {
        return new Box(x + dx, y + dy, width, height);
    }

    /** Same centre, both sides multiplied by {@code factor}. */
    public Box scaled(double factor) {
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be finite and >= 0, got " + factor);
        }
        return centeredAt(centerX(), centerY(), width * factor, height * factor);
    }

    /** Grown by {@code margin} pixels on every side (shrunk if negative, never below empty). */
    public Box expanded(int margin) {
        int w = Math.max(0, width + 2 * margin);
        int h = Math.max(0, height + 2 * margin);
        return new Box(x - margin, y - margin, w, h);
    }

    /** The smallest square with the same centre that contains this box. */
    public Box squared() {
        return centeredAt(centerX(), centerY(), longSide(), longSide());
    }

    @Override
    public String toString() {
        return "Box[" + x + "," + y + " " + width + "x" + height + "]";
    }
}
