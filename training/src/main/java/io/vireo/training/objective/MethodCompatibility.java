package io.vireo.training.objective;

import io.vireo.training.model.Arch;
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
    /** VGG's five 2x2 max-pools: its last map is input / 32 (rounded down) on a side. */
    static final int VGG_DOWNSAMPLING = 32;

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
        if (views.small() > 0 && spec.arch().family() == Arch.Family.VGG
                && views.smallSize() / VGG_DOWNSAMPLING < spec.inputSize() / VGG_DOWNSAMPLING) {
            int map = spec.inputSize() / VGG_DOWNSAMPLING;
            throw new IllegalArgumentException("relic.smallSize: " + views.smallSize() + " px crops are too small for "
                    + spec.arch().configName() + " (model.arch): its fc6 kernel spans the whole " + map + "x" + map
                    + " map of a " + spec.inputSize() + " px input (model.inputSize), so every view must be >= "
                    + map * VGG_DOWNSAMPLING + " px; use no small crops or a ResNet/RevNet encoder");
        }
        if (views.small() > 0 && !spec.cifarStem() && views.smallSize() < IMAGENET_STEM_MIN_VIEW) {
            throw new IllegalArgumentException("relic.smallSize: " + views.smallSize() + " px is below "
                    + IMAGENET_STEM_MIN_VIEW + " px, the smallest view the ImageNet stem of a " + spec.inputSize()
                    + " px encoder (model.inputSize) can downsample 32x");
        }
    }
}
