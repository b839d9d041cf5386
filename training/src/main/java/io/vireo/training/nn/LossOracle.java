package io.vireo.training.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Computes a loss and its gradient w.r.t. a network output, outside DL4J (e.g. InfoNCE against a queue). */
@FunctionalInterface
public interface LossOracle {
    /** @param output the network output, N x D; must not be modified */
    Evaluation evaluate(INDArray output);

    /** @param gradient dLoss/dOutput, same shape as the output */
    record Evaluation(double loss, INDArray gradient) {
    }
}
