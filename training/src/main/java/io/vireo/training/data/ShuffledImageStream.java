package io.vireo.training.data;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Epochs over an {@link ImageSource}, each in a fresh permutation derived from (seed, epoch), so the
 * whole order is a function of the seed and a single counter — which is all a checkpoint needs.
 */
public final class ShuffledImageStream implements PairStream {
    private static final String CONSUMED = "consumed";

    private final ImageSource source;
    private final long seed;
    private long consumed;
    private long permEpoch = -1;
    private int[] perm;

    public ShuffledImageStream(ImageSource source, long seed) {
        if (source.size() < 1) {
            throw new IllegalArgumentException("image source is empty");
        }
        if (source.size() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image source too large for one permutation: " + source.size());
        }
        this.source = source;
        this.seed = seed;
    }

    @Override
    public ViewPair next() {
        LabeledImage img = source.read(nextIndex());
        return new ViewPair(img.image(), img.image(), img.label());
    }

    /** The dataset index of the next image in the order (for methods that build their batches from the source). */
    public long nextIndex() {
        long n = source.size();
        long epoch = consumed / n;
        if (epoch != permEpoch) {
            perm = permutation((int) n, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch));
            permEpoch = epoch;
        }
        long index = perm[(int) (consumed % n)];
        consumed++;
        return index;
    }

    public ImageSource source() {
        return source;
    }

    static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public SourcePosition position() {
        return new SourcePosition(Map.of(CONSUMED, consumed));
    }

    @Override
    public void seek(SourcePosition position) {
        consumed = position.get(CONSUMED);
    }

    @Override
    public long datasetSize() {
        return source.size();
    }

    @Override
    public void close() {
        source.close();
    }
}
