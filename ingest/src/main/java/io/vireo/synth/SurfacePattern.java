package io.vireo.synth;

/**
 * Procedural face textures. Each maps face-centred coordinates (u, v), in object units, to the weight of
 * the face's accent colour over the instance's base colour. Hard-edged patterns return exactly 0 or 1.
 */
public enum SurfacePattern {
    STRIPES {
        @Override
        double accentWeight(double u, double v, double frequency, long seed) {
            return frac((u + 0.5 * v) * frequency) < 0.5 ? 1 : 0;
        }
    },
    CHECKERS {
        @Override
        double accentWeight(double u, double v, double frequency, long seed) {
            return ((long) Math.floor(u * frequency) + (long) Math.floor(v * frequency) & 1) == 0 ? 1 : 0;
        }
    },
    DOTS {
        @Override
        double accentWeight(double u, double v, double frequency, long seed) {
            double du = frac(u * frequency) - 0.5;
            double dv = frac(v * frequency) - 0.5;
            return du * du + dv * dv < 0.09 ? 1 : 0;
        }
    },
    RINGS {
        @Override
        double accentWeight(double u, double v, double frequency, long seed) {
            return frac(Math.sqrt(u * u + v * v) * frequency * 1.5) < 0.5 ? 1 : 0;
        }
    },
    NOISE {
        @Override
        double accentWeight(double u, double v, double frequency, long seed) {
            return ValueNoise.at(u * frequency * 1.5, v * frequency * 1.5, seed);
        }
    },
    ZIGZAG {
        @Override
        double accentWeight(double u, double v, double frequency, long seed) {
            double tri = Math.abs(frac(u * frequency) - 0.5) * 2;
            return frac(v * frequency + 0.5 * tri) < 0.5 ? 1 : 0;
        }
    };

    abstract double accentWeight(double u, double v, double frequency, long seed);

    static double frac(double x) {
        return x - Math.floor(x);
    }
}
