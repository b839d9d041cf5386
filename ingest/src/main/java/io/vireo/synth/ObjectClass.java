package io.vireo.synth;

import java.util.List;

/**
 * The object categories of the synthetic world: a cuboid whose proportions and face texture are what
 * identify the class. Proportions are full extents (width along X, height along Y, depth along Z) in
 * object units; differing width and depth make yaw visible in the silhouette, not only in the texture.
 */
public enum ObjectClass {
    CUBE("cube", 1.0, 1.0, 1.0, SurfacePattern.CHECKERS),
    PILLAR("pillar", 0.55, 1.6, 0.7, SurfacePattern.STRIPES),
    SLAB("slab", 1.6, 0.55, 0.9, SurfacePattern.DOTS),
    PLINTH("plinth", 1.2, 0.8, 1.2, SurfacePattern.RINGS),
    BRICK("brick", 1.5, 0.75, 0.6, SurfacePattern.NOISE),
    PANEL("panel", 1.3, 1.3, 0.35, SurfacePattern.ZIGZAG);

    private final String label;
    private final double width;
    private final double height;
    private final double depth;
    private final SurfacePattern pattern;

    ObjectClass(String label, double width, double height, double depth, SurfacePattern pattern) {
        this.label = label;
        this.width = width;
        this.height = height;
        this.depth = depth;
        this.pattern = pattern;
    }

    /** The lower-case name written to ground truth. */
    public String label() {
        return label;
    }

    /** Index into {@link #labels()}; stable as long as constants are only appended. */
    public int id() {
        return ordinal();
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    public double depth() {
        return depth;
    }

    public SurfacePattern pattern() {
        return pattern;
    }

    /** Radius of the sphere around the centre that contains the cuboid at every yaw. */
    public double boundingRadius() {
        return 0.5 * Math.sqrt(width * width + height * height + depth * depth);
    }

    public static List<String> labels() {
        return java.util.Arrays.stream(values()).map(ObjectClass::label).toList();
    }
}
