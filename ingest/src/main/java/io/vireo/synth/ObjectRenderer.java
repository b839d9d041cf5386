package io.vireo.synth;

import java.util.List;
import java.util.Objects;

/**
 * Renders one object instance alone, centred on a neutral grey square, with exactly the factors given:
 * varying one argument while holding the others gives a per-factor set (viewpoint, light direction,
 * light colour, occlusion). The object's size depends only on its class and {@code size}, never on the
 * viewpoint, so the scale does not leak the varied factor.
 */
public final class ObjectRenderer {

    public static final Rgb BACKDROP = Rgb.grey(0.5);
    public static final Rgb OCCLUDER = Rgb.grey(0.15);

    /** Share of the half-size filled by the object's bounding sphere, leaving a margin at every yaw. */
    private static final double FILL = 0.84;

    private ObjectRenderer() {
    }

    /**
     * @param instance          what to draw
     * @param viewpointDeg      yaw about the vertical axis; 0 shows the front face
     * @param light             light direction and colour
     * @param occlusionFraction share of the silhouette to hide, in [0, 1], by a flat screen sliding in from
     *                          the left over whole pixel columns; the achieved share (the closest possible)
     *                          is {@code truth().occlusion()}
     * @param size              width and height of the square image, at least 16
     */
    public static ObjectImage renderObject(ObjectInstance instance, double viewpointDeg, Light light,
                                           double occlusionFraction, int size) {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(light, "light");
        if (!(occlusionFraction >= 0 && occlusionFraction <= 1)) {
            throw new IllegalArgumentException("occlusionFraction must be in [0, 1], got " + occlusionFraction);
        }
        if (size < 16) {
            throw new IllegalArgumentException("size must be >= 16, got " + size);
        }
        if (!Double.isFinite(viewpointDeg)) {
            throw new IllegalArgumentException("viewpointDeg must be finite, got " + viewpointDeg);
        }
        double scale = FILL * size / 2 / instance.objectClass().boundingRadius();
        ObjectPose pose = new ObjectPose(0, instance, size / 2.0, size / 2.0, viewpointDeg, scale);
        List<Occluder> occluders = List.of();
        if (occlusionFraction > 0) {
            CuboidProjection silhouette = new CuboidProjection(instance.objectClass(), pose.x(), pose.y(), scale,
                    viewpointDeg);
            occluders = List.of(new Occluder(new OccluderShape.Curtain(curtainEnd(silhouette, occlusionFraction)),
                    OCCLUDER));
        }
        SceneState state = new SceneState(size, size, Backdrop.flat(BACKDROP), CameraOffset.ZERO, light,
                List.of(pose), occluders);
        RenderedFrame frame = FrameRenderer.render(state);
        return new ObjectImage(frame.image(), frame.objects().get(0));
    }

    /** The first uncovered column that hides the share of silhouette pixels closest to {@code fraction}. */
    private static int curtainEnd(CuboidProjection p, double fraction) {
        int columns = p.maxCol() - p.minCol() + 1;
        long[] cumulative = new long[columns + 1];
        for (int i = 0; i < columns; i++) {
            int col = p.minCol() + i;
            int count = 0;
            for (int row = p.minRow(); row <= p.maxRow(); row++) {
                if (p.covers(col, row)) {
                    count++;
                }
            }
            cumulative[i + 1] = cumulative[i] + count;
        }
        double total = cumulative[columns];
        int best = 0;
        for (int i = 1; i <= columns; i++) {
            if (Math.abs(cumulative[i] / total - fraction) < Math.abs(cumulative[best] / total - fraction)) {
                best = i;
            }
        }
        return p.minCol() + best;
    }
}
