package io.vireo.synth;

/**
 * The six faces of an axis-aligned cuboid in object coordinates (X right, Y up, Z toward the camera at
 * yaw 0). Each face is spanned by {@code uAxis} and {@code vAxis}, with {@code uAxis x vAxis} = outward normal.
 */
enum CuboidFace {
    FRONT(new Vec3(0, 0, 1), new Vec3(1, 0, 0), new Vec3(0, 1, 0)),
    BACK(new Vec3(0, 0, -1), new Vec3(-1, 0, 0), new Vec3(0, 1, 0)),
    RIGHT(new Vec3(1, 0, 0), new Vec3(0, 0, -1), new Vec3(0, 1, 0)),
    LEFT(new Vec3(-1, 0, 0), new Vec3(0, 0, 1), new Vec3(0, 1, 0)),
    TOP(new Vec3(0, 1, 0), new Vec3(1, 0, 0), new Vec3(0, 0, -1)),
    BOTTOM(new Vec3(0, -1, 0), new Vec3(1, 0, 0), new Vec3(0, 0, 1));

    final Vec3 normal;
    final Vec3 uAxis;
    final Vec3 vAxis;

    CuboidFace(Vec3 normal, Vec3 uAxis, Vec3 vAxis) {
        this.normal = normal;
        this.uAxis = uAxis;
        this.vAxis = vAxis;
    }

    /** Half extent of a cuboid of class {@code c} along an axis-aligned unit vector. */
    static double halfExtentAlong(Vec3 axis, ObjectClass c) {
        return 0.5 * (Math.abs(axis.x()) * c.width() + Math.abs(axis.y()) * c.height() + Math.abs(axis.z()) * c.depth());
    }
}
