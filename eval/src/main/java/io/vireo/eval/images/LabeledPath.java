package io.vireo.eval.images;

import java.nio.file.Path;

/** An image file and its class index ({@link #NO_LABEL} when unlabelled). */
public record LabeledPath(Path path, int label) {
    public static final int NO_LABEL = -1;
}
