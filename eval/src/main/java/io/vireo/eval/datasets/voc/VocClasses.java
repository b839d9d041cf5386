package io.vireo.eval.datasets.voc;

import java.util.List;

/** The 20 Pascal VOC object classes in the devkit's order (segmentation index = position + 1; 0 = background). */
public final class VocClasses {

    public static final List<String> NAMES = List.of("aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat",
            "chair", "cow", "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa", "train",
            "tvmonitor");

    /** Segmentation classes: background + the 20 objects. */
    public static final int SEGMENTATION_CLASSES = 21;
    /** SegmentationClass value for object borders and unlabelled pixels. */
    public static final int SEGMENTATION_IGNORE = 255;

    private VocClasses() {
    }

    /** Class index of an annotation's {@code <name>}, or -1 if it is not a VOC class. */
    public static int index(String name) {
        return NAMES.indexOf(name.trim());
    }
}
