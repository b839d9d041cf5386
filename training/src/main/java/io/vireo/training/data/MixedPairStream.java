package io.vireo.training.data;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Frame-level and region-tracked pairs mixed (video-mixed): pair i is region-tracked with probability
 * {@code regionShare}, decided by a generator seeded by (seed, i), and taken from that kind's stream.
 * The choice sequence is a function of the seed alone, so the mix is reproducible and the position
 * (the count of pairs drawn + both streams' positions, keys prefixed {@code frame.} / {@code region.})
 * resumes exactly.
 */
public final class MixedPairStream implements PairStream {
    static final String FRAME = "frame.";
    static final String REGION = "region.";
    static final String DRAWN = "drawn";

    private final PairStream frames;
    private final PairStream regions;
    private final double regionShare;
    private final long seed;
    private long drawn;

    /** Takes ownership of both streams (closes them). */
    public MixedPairStream(PairStream frames, PairStream regions, double regionShare, long seed) {
        if (!(regionShare >= 0 && regionShare <= 1)) {
            throw new IllegalArgumentException("video.regionShare: must be in [0, 1], got " + regionShare);
        }
        this.frames = frames;
        this.regions = regions;
        this.regionShare = regionShare;
        this.seed = seed;
    }

    /** Whether pair {@code i} of the mix is region-tracked. */
    public boolean isRegion(long i) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (i * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL))
                .nextDouble() < regionShare;
    }

    @Override
    public ViewPair next() {
        PairStream from = isRegion(drawn) ? regions : frames;
        ViewPair p = from.next();
        drawn++;
        return p;
    }

    @Override
    public SourcePosition position() {
        Map<String, Long> m = new HashMap<>();
        frames.position().offsets().forEach((k, v) -> m.put(FRAME + k, v));
        regions.position().offsets().forEach((k, v) -> m.put(REGION + k, v));
        m.put(DRAWN, drawn);
        return new SourcePosition(m);
    }

    @Override
    public void seek(SourcePosition position) {
        frames.seek(part(position, FRAME));
        regions.seek(part(position, REGION));
        drawn = position.get(DRAWN);
    }

    private static SourcePosition part(SourcePosition position, String prefix) {
        Map<String, Long> m = new HashMap<>();
        position.offsets().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k.substring(prefix.length()), v);
            }
        });
        if (m.isEmpty()) {
            throw new IllegalArgumentException("data: the checkpoint's source position " + position.offsets().keySet()
                    + " has no '" + prefix + "*' entries: it was not written by a video-mixed run");
        }
        return new SourcePosition(m);
    }

    /** Sum of both streams' sizes (-1 if either is unbounded); an upper bound when they are filtered views of one source. */
    @Override
    public long datasetSize() {
        long a = frames.datasetSize();
        long b = regions.datasetSize();
        return a < 0 || b < 0 ? -1 : a + b;
    }

    @Override
    public void close() {
        try {
            frames.close();
        } finally {
            regions.close();
        }
    }
}
