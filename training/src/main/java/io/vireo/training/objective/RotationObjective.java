package io.vireo.training.objective;

import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.augment.Batch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.pretext.Rotation;

/**
 * Rotation prediction (Gidaris et al. 2018; "Revisiting SSL"): 4-way classification of the rotation
 * applied to the image. Batch layout ({@link io.vireo.training.pretext.PretextBatches#rotation}):
 * {@code first} = the rotated images (all four rotations of each source image), {@code labels} = k.
 */
public final class RotationObjective extends ClassificationObjective {
    public static final String METHOD = "rotation";

    public RotationObjective(EncoderSpec spec, PretextSettings settings, long seed) {
        super(METHOD, spec, 1, Rotation.CLASSES, settings, seed);
    }

    @Override
    INDArray input(Batch batch) {
        return batch.first();
    }
}
