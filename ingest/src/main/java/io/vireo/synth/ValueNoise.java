package io.vireo.synth;

/** Smooth lattice noise in [0, 1]; a pure function of its inputs so renders are reproducible. */
final class ValueNoise {

    private ValueNoise() {
    }

    static double at(double x, double y, long seed) {
        long x0 = (long) Math.floor(x);
        long y0 = (long) Math.floor(y);
        double fx = smooth(x - x0);
        double fy = smooth(y - y0);
        double a = lattice(x0, y0, seed);
        double b = lattice(x0 + 1, y0, seed);
        double c = lattice(x0, y0 + 1, seed);
        double d = lattice(x0 + 1, y0 + 1, seed);
        double top = a + (b - a) * fx;
        double bottom = c + (d - c) * fx;
        return top + (bottom - top) * fy;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }

    private static double lattice(long x, long y, long seed) {
        long h = seed ^ (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL);
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
    }
}
