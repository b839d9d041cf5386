package io.vireo.training.augment;

import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.data.SourcePosition;

/**
 * Two augmented views of the same examples, NCHW float, plus where the source is after them.
 *
 * @param index         0-based batch number (= training step that consumes it)
 * @param positionAfter source position after the last example of this batch (checkpointed with the step)
 */
public record Batch(long index, INDArray first, INDArray second, int[] labels, SourcePosition positionAfter) {
    public int size() {
        return (int) first.size(0);
    }
}
