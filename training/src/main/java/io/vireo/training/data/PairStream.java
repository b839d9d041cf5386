package io.vireo.training.data;

/**
 * The trainer's view of data: an endless sequence of positive pairs with a resumable position.
 *
 * <p>Implementations: {@link ShuffledImageStream} (image folders, synthetic images). Extension
 * points, not built yet because their producer (the Flink PairBuilderJob) is not: a Parquet pair
 * shard stream (position = shard index + row) and a Kafka {@code vireo.pairs} stream (position =
 * partition offsets, committed only with a checkpoint). Both decode the pair record's two encoded
 * views into {@link ViewPair}s with {@code opencv_imgcodecs.imdecode}.
 */
public interface PairStream extends AutoCloseable {
    /** Next pair; blocks for streaming sources. */
    ViewPair next();

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
