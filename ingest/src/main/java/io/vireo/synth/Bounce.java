package io.vireo.synth;

/**
 * Constant-speed motion along one axis that reflects off [lo, hi]: a closed form, so a frame's position
 * needs no simulation of the frames before it.
 */
record Bounce(double start, double velocity, double lo, double hi) {

    Bounce {
        if (!(hi > lo)) {
            throw new IllegalArgumentException("hi must be > lo, got lo=" + lo + ", hi=" + hi);
        }
    }

    double at(double seconds) {
        double range = hi - lo;
        double m = (start - lo + velocity * seconds) % (2 * range);
        if (m < 0) {
            m += 2 * range;
        }
        return lo + (m <= range ? m : 2 * range - m);
    }
}
