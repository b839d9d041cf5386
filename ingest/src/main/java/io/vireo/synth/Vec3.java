package io.vireo.synth;

/** A 3-D vector in object or world coordinates (X right, Y up, Z toward the camera). */
record Vec3(double x, double y, double z) {

    Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    Vec3 times(double s) {
        return new Vec3(x * s, y * s, z * s);
    }

    double dot(Vec3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    /** Rotation about the vertical (Y) axis; positive yaw turns the object's front toward the viewer's right. */
    Vec3 yawed(double cos, double sin) {
        return new Vec3(x * cos + z * sin, y, -x * sin + z * cos);
    }
}
