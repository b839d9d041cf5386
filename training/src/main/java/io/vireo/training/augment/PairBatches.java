package io.vireo.training.augment;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.data.PairStream;
import io.vireo.training.data.ViewPair;

/**
 * MoCo-style batches: each pair's two views augmented independently, {@code first} = views 1,
 * {@code second} = views 2. View v of example e uses a generator seeded by (seed, global example index, v).
 */
public final class PairBatches implements BatchProducer {
    private final PairStream stream;
    private final MocoV2Augment augment;
    private final int batchSize;
    private final long seed;

    public PairBatches(PairStream stream, MocoV2Augment augment, int batchSize, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: must be >= 1, got " + batchSize);
        }
        this.stream = stream;
        this.augment = augment;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    @Override
    public Batch make(long b) {
        int s = augment.outSize();
        int per = 3 * s * s;
        float[] first = new float[batchSize * per];
        float[] second = new float[batchSize * per];
        int[] labels = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            ViewPair pair = stream.next();
            long example = b * batchSize + i;
            System.arraycopy(augment.apply(pair.first(), BatchPipeline.rng(seed, example, 0)), 0, first, i * per, per);
            System.arraycopy(augment.apply(pair.second(), BatchPipeline.rng(seed, example, 1)), 0, second, i * per, per);
            labels[i] = pair.label();
            pair.first().close();
            if (pair.second() != pair.first()) {
                pair.second().close();
            }
        }
        INDArray a = Nd4j.create(first, new long[] {batchSize, 3, s, s}, 'c');
        INDArray c = Nd4j.create(second, new long[] {batchSize, 3, s, s}, 'c');
        return new Batch(b, a, c, labels, stream.position());
    }
}
