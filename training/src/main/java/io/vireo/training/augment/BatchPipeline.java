package io.vireo.training.augment;

import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.vireo.training.data.PairStream;
import io.vireo.training.data.UntilCaughtUp;

/**
 * Decodes, augments and batches (a {@link BatchProducer}) on a background thread, a few batches ahead
 * of the trainer. Batches come out in order, and producers draw their randomness from (seed, example
 * or batch index), e.g. view v of example e from (seed, global example index, v), so the output is
 * identical however the threads interleave, and resuming at batch b reproduces batch b exactly.
 */
public final class BatchPipeline implements AutoCloseable {
    /** Queued after the last batch when an {@link UntilCaughtUp} stream ran dry. */
    private static final Object CAUGHT_UP = new Object();

    private final BlockingQueue<Object> ready;
    private final Thread worker;
    private volatile boolean closed;

    /**
     * MoCo-style pair batches ({@link PairBatches}).
     *
     * @param startBatch index of the first batch to produce (the stream must already be positioned there)
     * @param prefetch   batches buffered ahead (≥ 1)
     */
    public BatchPipeline(PairStream stream, MocoV2Augment augment, int batchSize, long seed, long startBatch, int prefetch) {
        this(new PairBatches(stream, augment, batchSize, seed), startBatch, prefetch);
    }

    /**
     * Any method's batches.
     *
     * @param startBatch index of the first batch to produce (the producer's source must already be positioned there)
     * @param prefetch   batches buffered ahead (≥ 1)
     */
    public BatchPipeline(BatchProducer producer, long startBatch, int prefetch) {
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch: must be >= 1, got " + prefetch);
        }
        this.ready = new ArrayBlockingQueue<>(prefetch);
        this.worker = new Thread(() -> produce(producer, startBatch), "vireo-augment");
        worker.setDaemon(true);
        worker.start();
    }

    private void produce(BatchProducer producer, long startBatch) {
        try {
            for (long b = startBatch; !closed; b++) {
                Batch batch = producer.make(b);
                while (!closed && !ready.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    // wait for the trainer
                }
            }
        } catch (UntilCaughtUp.CaughtUp e) {
            // The batch in the making is dropped: its pairs are after the last batch's position, so the
            // next run reads them again.
            try {
                while (!closed && !ready.offer(CAUGHT_UP, 100, TimeUnit.MILLISECONDS)) {
                    // wait for the trainer to take the batches before it
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            ready.clear();
            ready.offer(e);
        }
    }

    static SplittableRandom rng(long seed, long example, int view) {
        return new SplittableRandom(mix(seed ^ mix(example * 2 + view + 0x5DEECE66DL)));
    }

    /** SplitMix64 finaliser: nearby (seed, index) pairs give unrelated generator seeds. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Next batch in order; rethrows a failure of the worker (e.g. an undecodable image); null when an {@link UntilCaughtUp} stream ran dry. */
    public Batch take() throws InterruptedException {
        return take(() -> false);
    }

    /**
     * As {@link #take()}, and null as soon as {@code stop} says so while waiting (a following run
     * asked to stop while no data arrives).
     */
    public Batch take(BooleanSupplier stop) throws InterruptedException {
        while (true) {
            Object o = ready.poll(100, TimeUnit.MILLISECONDS);
            if (o == null) {
                if (stop.getAsBoolean()) {
                    return null;
                }
            } else if (o instanceof Batch b) {
                return b;
            } else if (o == CAUGHT_UP) {
                ready.offer(CAUGHT_UP); // stays the answer for any later take
                return null;
            } else {
                throw new IllegalStateException("data pipeline failed", (Throwable) o);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        worker.interrupt();
        worker.join(10_000);
    }
}
