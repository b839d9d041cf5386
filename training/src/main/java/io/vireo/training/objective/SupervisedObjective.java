package io.vireo.training.objective;

import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.augment.Batch;
import io.vireo.training.model.EncoderSpec;

/**
 * The supervised reference: the same encoder and a linear classifier trained with the labels.
 * Batch layout ({@link io.vireo.training.pretext.PretextBatches#supervised}): {@code first} = one
 * augmented view per image, {@code labels} = class labels.
 */
public final class SupervisedObjective extends ClassificationObjective {
    public static final String METHOD = "supervised";

    public SupervisedObjective(EncoderSpec spec, int classes, PretextSettings settings, long seed) {
        super(METHOD, spec, 1, requireClasses(classes), settings, seed);
    }

    private static int requireClasses(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("data.classes: supervised training needs >= 2 classes, got " + classes);
        }
        return classes;
    }

    @Override
    INDArray input(Batch batch) {
        return batch.first();
    }
}
