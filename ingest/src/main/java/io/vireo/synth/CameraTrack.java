package io.vireo.synth;

/** A pan: steady drift plus a gentle sway, starting at zero offset when the shot starts. */
record CameraTrack(double driftX, double driftY, double swayX, double swayY, double swayPeriodSeconds) {

    static final CameraTrack STILL = new CameraTrack(0, 0, 0, 0, 1);

    CameraOffset at(double seconds) {
        double sway = Math.sin(2 * Math.PI * seconds / swayPeriodSeconds);
        return new CameraOffset(driftX * seconds + swayX * sway, driftY * seconds + swayY * sway);
    }
}
