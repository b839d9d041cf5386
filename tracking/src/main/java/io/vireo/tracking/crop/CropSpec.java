package io.vireo.tracking.crop;

import java.util.Objects;

/**
 * How a region becomes a view.
 *
 * @param viewSize   side of the square output, in pixels, in [8, 4096]
 * @param context    extra surround as a share of the box side, added half on each side (0.2 → the
 *                   window is 1.2× the box), >= 0; a little context helps encoders see the outline
 * @param keepAspect true: grow the window to a square around the box before resizing, so shapes
 *                   are not distorted; false: stretch the box itself to the square
 * @param padding    what to do where the window leaves the frame
 */
public record CropSpec(int viewSize, double context, boolean keepAspect, Padding padding) {

    public static final int MIN_VIEW_SIZE = 8;
    public static final int MAX_VIEW_SIZE = 4096;

    public CropSpec {
        if (viewSize < MIN_VIEW_SIZE || viewSize > MAX_VIEW_SIZE) {
            throw new IllegalArgumentException("viewSize must be in [" + MIN_VIEW_SIZE + ", " + MAX_VIEW_SIZE
                    + "], got " + viewSize);
        }
        if (!(context >= 0) || Double.isInfinite(context)) {
            throw new IllegalArgumentException("context must be finite and >= 0, got " + context);
        }
        Objects.requireNonNull(padding, "padding");
    }

    /** Square view of the given size, 10 % context, aspect kept, edges replicated. */
    public static CropSpec of(int viewSize) {
        return new CropSpec(viewSize, 0.1, true, Padding.REPLICATE);
    }

    public CropSpec withContext(double value) {
        return new CropSpec(viewSize, value, keepAspect, padding);
    }

    public CropSpec withKeepAspect(boolean value) {
        return new CropSpec(viewSize, context, value, padding);
    }

    public CropSpec withPadding(Padding value) {
        return new CropSpec(viewSize, context, keepAspect, value);
    }
}
