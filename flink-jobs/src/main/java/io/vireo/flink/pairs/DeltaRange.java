package io.vireo.flink.pairs;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The range Δt is drawn from, and the draw itself.
 *
 * <p>A draw depends only on (seed, stream id, anchor frame index): not on arrival order, parallelism,
 * or how often the job restarted from a checkpoint. Replaying the same input with the same seed
 * gives the same pairs, which is what makes pair sets reproducible and pair ids stable.
 *
 * @param minMicros smallest Δt, > 0
 * @param maxMicros largest Δt, >= minMicros
 * @param seed      mixed into every draw
 */
public record DeltaRange(long minMicros, long maxMicros, long seed) implements Serializable {

    public DeltaRange {
        if (minMicros <= 0) {
            throw new IllegalArgumentException("minMicros must be > 0, got " + minMicros);
        }
        if (maxMicros < minMicros) {
            throw new IllegalArgumentException("maxMicros must be >= minMicros (" + minMicros + "), got " + maxMicros);
        }
    }

    /** Δt in [min, max] microseconds for the anchor frame {@code frameIndex} of {@code streamId}. */
    public long draw(String streamId, long frameIndex, String salt) {
        long h = seed;
        for (byte b : streamId.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ b);
        }
        for (byte b : salt.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ b);
        }
        h = mix(h ^ frameIndex);
        return minMicros == maxMicros ? minMicros : new SplittableRandom(h).nextLong(minMicros, maxMicros + 1);
    }

    // SplitMix64's finaliser: every input bit reaches every output bit.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
