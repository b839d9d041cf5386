package io.vireo.training.augment;

/**
 * Builds batch {@code b} of a method's layout from its data source; called on the pipeline's worker
 * thread in batch order, so an implementation may advance a stream. The batch carries the source
 * position after it, which is what a checkpoint taken after step b stores.
 */
@FunctionalInterface
public interface BatchProducer {
    Batch make(long batchIndex);
}
