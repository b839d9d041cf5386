package io.vireo.training.objective;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The classifier {@link PatchClassifier} puts on the concatenated features, kept outside DL4J with its own
 * SGD: {@link LinearHead} (rotation, jigsaw, supervised) or {@link MlpHead} (relative patch location).
 */
interface ClassifierHead {
    INDArray forward(INDArray x);

    /** Stores the parameter gradients for {@link #update} and returns dL/dx. */
    INDArray backward(INDArray x, INDArray dy);

    void update(double lr);

    /** Parameters and SGD velocities, flat, for checkpoints. */
    INDArray state();

    void restore(INDArray state);
}
