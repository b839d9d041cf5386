package io.vireo.training.data;

/**
 * The trainer's view of data: an endless sequence of positive pairs with a resumable position.
 *
 * <p>Implementations: {@link ShuffledImageStream} (image folders, synthetic images: two augmentations of
 * one image), {@link ParquetPairStream} (the pair builder's Parquet shards) and {@link KafkaPairStream}
 * (the pair topic); for pairs, the two encoded views of a pair record are the positives, decoded with
 * OpenCV. Position = a consumed count, epoch + shard + row, or offsets per partition; it goes into
 * every checkpoint.
 */
public interface PairStream extends AutoCloseable {
    /** Next pair; blocks for streaming sources. */
    ViewPair next();

    /**
     * Next pair if one is there now, else null (a streaming source that is caught up). Sources
     * that never run dry return {@link #next()}.
     */
    default ViewPair poll() {
        return next();
    }

    /** Position after the last pair returned. */
    SourcePosition position();

    /** Continue after {@code position} (as returned by {@link #position()}). */
    void seek(SourcePosition position);

    /** Number of distinct examples, or -1 when unbounded (queue-size checks use it). */
    long datasetSize();

    @Override
    default void close() {
    }
}
