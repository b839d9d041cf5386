package io.vireo.eval.datasets.voc;

/**
 * One {@code <object>} of a VOC annotation. Box corners are the file's values: 1-based pixel
 * coordinates, inclusive, usually integers (some tools write fractions).
 */
public record VocObject(String name, int classIndex, double xmin, double ymin, double xmax, double ymax,
                        boolean difficult, boolean truncated) {
}
