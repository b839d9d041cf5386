package io.vireo.eval.datasets.masks;

/**
 * A per-pixel class map, row-major, labels in 0..classes-1 or {@link #IGNORE}.
 *
 * @param source the mask file, for error messages
 */
public record LabelMap(int width, int height, int[] labels, String source) {
    public static final int IGNORE = -1;

    public LabelMap {
        if (labels.length != width * height) {
            throw new IllegalArgumentException(source + ": " + width + "×" + height + " mask with " + labels.length + " labels");
        }
    }

    public int at(int x, int y) {
        return labels[y * width + x];
    }
}
