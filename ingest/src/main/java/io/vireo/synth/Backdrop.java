package io.vireo.synth;

import java.util.Objects;

/**
 * The scene's background plane, a pure function of world coordinates so that panning the camera moves
 * it rigidly. Low-frequency noise keeps frame-to-frame differences small within a shot, so shot cuts
 * (which change the palette) stand out.
 *
 * @param plain    a single flat colour, with no tint: the test hook that makes object pixels countable
 * @param colourA  one end of the palette (the flat colour if plain)
 * @param colourB  other end of the palette
 * @param cellSize noise cell size in pixels
 * @param seed     noise seed
 * @param tint     multiplies the colour: the share of the scene light the backdrop receives
 */
record Backdrop(boolean plain, Rgb colourA, Rgb colourB, double cellSize, long seed, Rgb tint) {

    Backdrop {
        Objects.requireNonNull(colourA, "colourA");
        Objects.requireNonNull(colourB, "colourB");
        Objects.requireNonNull(tint, "tint");
        if (!(cellSize > 0)) {
            throw new IllegalArgumentException("cellSize must be > 0, got " + cellSize);
        }
    }

    static Backdrop flat(Rgb colour) {
        return new Backdrop(true, colour, colour, 1, 0, Rgb.WHITE);
    }

    Backdrop withTint(Rgb newTint) {
        return new Backdrop(plain, colourA, colourB, cellSize, seed, newTint);
    }

    /** Writes the 0..255 colour at world point (x, y) into {@code out[offset..offset+2]}. */
    void paint(double x, double y, byte[] out, int offset) {
        if (plain) {
            out[offset] = toByte(colourA.r());
            out[offset + 1] = toByte(colourA.g());
            out[offset + 2] = toByte(colourA.b());
            return;
        }
        double coarse = ValueNoise.at(x / cellSize, y / cellSize, seed);
        double fine = ValueNoise.at(x / (cellSize * 0.37), y / (cellSize * 0.37), seed ^ 0x5DEECE66DL);
        double w = 0.7 * coarse + 0.3 * fine;
        out[offset] = toByte((colourA.r() + (colourB.r() - colourA.r()) * w) * tint.r());
        out[offset + 1] = toByte((colourA.g() + (colourB.g() - colourA.g()) * w) * tint.g());
        out[offset + 2] = toByte((colourA.b() + (colourB.b() - colourA.b()) * w) * tint.b());
    }

    static byte toByte(double v) {
        return (byte) Math.round(Rgb.clamp(v) * 255);
    }
}
