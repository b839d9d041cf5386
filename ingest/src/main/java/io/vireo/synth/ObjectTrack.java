package io.vireo.synth;

/** How one object moves and turns during its shot. */
record ObjectTrack(int id, ObjectInstance instance, double scale, Bounce x, Bounce y, double yawStartDeg,
                   double yawRateDegPerSecond) {

    ObjectPose poseAt(double seconds) {
        return new ObjectPose(id, instance, x.at(seconds), y.at(seconds),
                yawStartDeg + yawRateDegPerSecond * seconds, scale);
    }
}
