package io.vireo.training.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * @param loss      mean InfoNCE loss over the batch
 * @param gradQuery dLoss/dq for the un-normalised query embeddings, shape of q
 * @param accuracy  fraction of queries whose positive key has the highest logit (a cheap health signal)
 */
public record InfoNceResult(double loss, INDArray gradQuery, double accuracy) {
}
