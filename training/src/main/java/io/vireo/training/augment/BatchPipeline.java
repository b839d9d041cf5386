package io.vireo.training.augment;

import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.data.PairStream;
import io.vireo.training.data.UntilCaughtUp;
import io.vireo.training.data.ViewPair;

/**
 * Decodes, augments and batches on a background thread, a few batches ahead of the trainer.
 * Batches come out in order, and view v of example e is augmented with a generator seeded by
 * (seed, global example index, v), so the output is identical however the threads interleave,
 * and resuming at batch b reproduces batch b exactly.
 */
public final class BatchPipeline implements AutoCloseable {
    /** Queued after the last batch when an {@link UntilCaughtUp} stream ran dry. */
    private static final Object CAUGHT_UP = new Object();

    private final BlockingQueue<Object> ready;
    private final Thread worker;
    private volatile boolean closed;

    /**
     * @param startBatch index of the first batch to produce (the stream must already be positioned there)
     * @param prefetch   batches buffered ahead (≥ 1)
     */
    public BatchPipeline(PairStream stream, MocoV2Augment augment, int batchSize, long seed, long startBatch, int prefetch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: must be >= 1, got " + batchSize);
        }
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch: must be >= 1, got " + prefetch);
        }
        this.ready = new ArrayBlockingQueue<>(prefetch);
        this.worker = new Thread(() -> produce(stream, augment, batchSize, seed, startBatch), "vireo-augment");
        worker.setDaemon(true);
        worker.start();
    }

    private void produce(PairStream stream, MocoV2Augment augment, int batchSize, long seed, long startBatch) {
        int s = augment.outSize();
        int per = 3 * s * s;
        try {
            for (long b = startBatch; !closed; b++) {
                float[] first = new float[batchSize * per];
                float[] second = new float[batchSize * per];
                int[] labels = new int[batchSize];
                for (int i = 0; i < batchSize; i++) {
                    ViewPair pair = stream.next();
                    long example = b * batchSize + i;
                    System.arraycopy(augment.apply(pair.first(), rng(seed, example, 0)), 0, first, i * per, per);
                    System.arraycopy(augment.apply(pair.second(), rng(seed, example, 1)), 0, second, i * per, per);
                    labels[i] = pair.label();
                    pair.first().close();
                    if (pair.second() != pair.first()) {
                        pair.second().close();
                    }
                }
                INDArray a = Nd4j.create(first, new long[] {batchSize, 3, s, s}, 'c');
                INDArray c = Nd4j.create(second, new long[] {batchSize, 3, s, s}, 'c');
                Batch batch = new Batch(b, a, c, labels, stream.position());
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
