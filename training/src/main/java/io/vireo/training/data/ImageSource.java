package io.vireo.training.data;

import java.util.List;

/** A finite, randomly addressable set of images (image folders, synthetic sets). */
public interface ImageSource extends AutoCloseable {
    /** Number of images. */
    long size();

    /** Reads image {@code index} (0 ≤ index &lt; size); deterministic for a given index. */
    LabeledImage read(long index);

    /** Class names by label index; empty when the source is unlabeled. */
    List<String> classNames();

    @Override
    default void close() {
    }
}
