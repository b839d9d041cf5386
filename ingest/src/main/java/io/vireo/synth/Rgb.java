package io.vireo.synth;

import com.fasterxml.jackson.annotation.JsonFormat;

/** A linear RGB colour with channels in [0, 1]; written to JSON as {@code [r, g, b]}. */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
public record Rgb(double r, double g, double b) {

    public static final Rgb BLACK = new Rgb(0, 0, 0);
    public static final Rgb WHITE = new Rgb(1, 1, 1);

    public Rgb {
        checkChannel("r", r);
        checkChannel("g", g);
        checkChannel("b", b);
    }

    private static void checkChannel(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("colour channel " + name + " must be in [0, 1], got " + value);
        }
    }

    public static Rgb grey(double level) {
        return new Rgb(level, level, level);
    }

    /** HSV with hue in degrees (any value, wrapped), saturation and value in [0, 1]. */
    public static Rgb fromHsv(double hueDeg, double saturation, double value) {
        double h = ((hueDeg % 360) + 360) % 360 / 60.0;
        double c = value * saturation;
        double x = c * (1 - Math.abs(h % 2 - 1));
        double m = value - c;
        double r;
        double g;
        double b;
        switch ((int) h) {
            case 0 -> { r = c; g = x; b = 0; }
            case 1 -> { r = x; g = c; b = 0; }
            case 2 -> { r = 0; g = c; b = x; }
            case 3 -> { r = 0; g = x; b = c; }
            case 4 -> { r = x; g = 0; b = c; }
            default -> { r = c; g = 0; b = x; }
        }
        return new Rgb(clamp(r + m), clamp(g + m), clamp(b + m));
    }

    public Rgb lerp(Rgb other, double t) {
        return new Rgb(clamp(r + (other.r - r) * t), clamp(g + (other.g - g) * t), clamp(b + (other.b - b) * t));
    }

    /** Raises every channel to at least {@code floor}; keeps shaded surfaces distinguishable from a black backdrop. */
    public Rgb withFloor(double floor) {
        return new Rgb(Math.max(r, floor), Math.max(g, floor), Math.max(b, floor));
    }

    public double luminance() {
        return 0.299 * r + 0.587 * g + 0.114 * b;
    }

    static double clamp(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }
}
