package io.vireo.eval.datasets.voc;

import java.util.List;

/** A parsed {@code Annotations/ID.xml}. */
public record VocAnnotation(String id, String filename, int width, int height, List<VocObject> objects) {
    public VocAnnotation {
        objects = List.copyOf(objects);
    }
}
