package io.vireo.synth;

import com.fasterxml.jackson.annotation.JsonFormat;

/** A pixel rectangle: columns [x, x + w), rows [y, y + h). Written to JSON as {@code [x, y, w, h]}. */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
public record Box(int x, int y, int w, int h) {

    public Box {
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("box must be non-empty, got w=" + w + ", h=" + h);
        }
    }

    public int right() {
        return x + w;
    }

    public int bottom() {
        return y + h;
    }

    public long area() {
        return (long) w * h;
    }
}
