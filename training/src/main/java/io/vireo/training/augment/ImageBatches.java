package io.vireo.training.augment;

import io.vireo.training.data.ImageSource;
import io.vireo.training.data.ShuffledImageStream;

/**
 * Batches of the methods that build their own views from source images (ReLICv2's multi-crop, the
 * pretext tasks, PIRL, Exemplar, supervised): the next {@code batchSize} dataset indices of the
 * shuffled order go to the method's {@link Layout}. The layout's randomness is seeded per batch
 * (from seed and batch index), so an image gets fresh views each epoch, and batch b is the same
 * however often it is rebuilt (resume).
 */
public final class ImageBatches implements BatchProducer {

    /** One method's batch layout (e.g. {@code PretextBatches::rotation} with its task bound). */
    @FunctionalInterface
    public interface Layout {
        Batch make(ImageSource source, long[] indices, long seed, long batchIndex);
    }

    private final ShuffledImageStream stream;
    private final int batchSize;
    private final long seed;
    private final Layout layout;

    public ImageBatches(ShuffledImageStream stream, int batchSize, long seed, Layout layout) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: must be >= 1, got " + batchSize);
        }
        this.stream = stream;
        this.batchSize = batchSize;
        this.seed = seed;
        this.layout = layout;
    }

    @Override
    public Batch make(long batchIndex) {
        long[] indices = new long[batchSize];
        for (int i = 0; i < batchSize; i++) {
            indices[i] = stream.nextIndex();
        }
        Batch b = layout.make(stream.source(), indices, BatchPipeline.mix(seed ^ BatchPipeline.mix(batchIndex + 0x632BE59BD9B4E019L)),
                batchIndex);
        return new Batch(batchIndex, b.first(), b.second(), b.labels(), stream.position());
    }
}
