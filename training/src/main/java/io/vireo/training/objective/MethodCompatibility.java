package io.vireo.training.objective;

import io.vireo.training.model.EncoderSpec;
import io.vireo.training.pretext.MultiCropViews;
import io.vireo.training.pretext.PatchGrid;

/**
 * Constraints between an encoder and the method it is trained with, checked when the objective is
 * built so that a bad config fails before any data is read, naming both keys.
 */
public final class MethodCompatibility {
    /** Below this the ImageNet stem (7×7/2 + max-pool, then 3 stride-2 stages) leaves no spatial extent. */
    public static final int IMAGENET_STEM_MIN_VIEW = 32;

    private MethodCompatibility() {
    }

    /** Patch methods (relative patch location, jigsaw, PIRL's tiles) feed patches, not images, to the encoder. */
    public static void requirePatchInput(String method, EncoderSpec spec, PatchGrid grid) {
        if (spec.inputSize() != grid.patch()) {
            throw new IllegalArgumentException("model.inputSize: " + spec.inputSize() + " cannot serve method '" + method
                    + "', whose encoder input is a patch of patch.size = " + grid.patch()
                    + " px; set model.inputSize = patch.size (or patch.size = model.inputSize)");
        }
    }

    /** ReLICv2 sends large crops at the encoder's size and small crops smaller: the encoder must take both. */
    public static void requireMultiCrop(EncoderSpec spec, MultiCropViews views) {
        if (views.largeSize() != spec.inputSize()) {
            throw new IllegalArgumentException("relic.largeSize: " + views.largeSize() + " differs from model.inputSize "
                    + spec.inputSize() + "; large crops are the encoder's input size");
        }
        if (views.small() > 0 && !spec.cifarStem() && views.smallSize() < IMAGENET_STEM_MIN_VIEW) {
            throw new IllegalArgumentException("relic.smallSize: " + views.smallSize() + " px is below "
                    + IMAGENET_STEM_MIN_VIEW + " px, the smallest view the ImageNet stem of a " + spec.inputSize()
                    + " px encoder (model.inputSize) can downsample 32x");
        }
    }
}
