package io.vireo.training.objective;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import io.vireo.training.loss.InfoNce;

/**
 * MoCo's dictionary: a ring buffer of the K most recent (normalised) keys. Enqueueing a batch
 * overwrites the oldest entries, which is the dequeue. Starts with random unit vectors, as MoCo does.
 */
public final class NegativeQueue {
    private final INDArray entries;
    private long head;

    public NegativeQueue(int size, int dim, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("queueSize: must be >= 1, got " + size);
        }
        if (dim < 1) {
            throw new IllegalArgumentException("queue dim: must be >= 1, got " + dim);
        }
        Nd4j.getRandom().setSeed(seed);
        this.entries = InfoNce.normalizeRows(Nd4j.randn(DataType.FLOAT, size, dim));
    }

    public int size() {
        return (int) entries.size(0);
    }

    /** All K entries, K x D (a live view: copy it if it must survive the next enqueue). */
    public INDArray negatives() {
        return entries;
    }

    /** Ring-buffer write of the rows of {@code keys} (expected unit vectors), oldest first out. */
    public void enqueue(INDArray keys) {
        long n = keys.size(0);
        if (n > size()) {
            throw new IllegalArgumentException("batch of " + n + " keys larger than the queue (" + size() + ")");
        }
        long first = Math.min(n, size() - head);
        entries.get(NDArrayIndex.interval(head, head + first), NDArrayIndex.all())
                .assign(keys.get(NDArrayIndex.interval(0, first), NDArrayIndex.all()));
        if (first < n) {
            entries.get(NDArrayIndex.interval(0, n - first), NDArrayIndex.all())
                    .assign(keys.get(NDArrayIndex.interval(first, n), NDArrayIndex.all()));
        }
        head = (head + n) % size();
    }

    /** Index the next enqueue writes to. */
    public long head() {
        return head;
    }

    public void restore(INDArray savedEntries, long savedHead) {
        if (!java.util.Arrays.equals(savedEntries.shape(), entries.shape())) {
            throw new IllegalArgumentException("queue shape " + java.util.Arrays.toString(savedEntries.shape())
                    + " does not match configured " + java.util.Arrays.toString(entries.shape()));
        }
        entries.assign(savedEntries);
        head = savedHead;
    }
}
