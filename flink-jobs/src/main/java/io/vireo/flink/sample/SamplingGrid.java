package io.vireo.flink.sample;

import java.io.Serializable;
import java.util.function.LongPredicate;

/**
 * Which frames of a stream to keep so that kept frames follow a target rate by presentation time.
 *
 * <p>Keeps the first frame, then the first frame at or after each tick of a grid spaced
 * {@code 1 / fps} apart and anchored on that first frame. Anchoring on the grid rather than on
 * the last kept frame keeps the output rate exact when source timestamps jitter (29.97 fps, VFR,
 * rounding to 90 kHz ticks), and a hole in the stream (a skipped chunk) does not shift later
 * picks. Time rather than "every N-th frame" so that pairs built downstream get the same spacing
 * in seconds whatever the source's frame rate. A source slower than the target passes unchanged.
 * Should presentation time jump backwards (a stream restarted under the same id), the grid is
 * re-anchored on the new frame.
 *
 * <p>Pure: the caller keeps each stream's {@link Position} (in keyed state, in the job).
 *
 * @param intervalMicros grid spacing; 0 keeps every frame
 */
public record SamplingGrid(long intervalMicros) implements Serializable {

    /** Where a stream is on the grid: the tick the next kept frame must reach, and the last kept frame's time. */
    public record Position(long nextTickMicros, long lastKeptMicros) {
    }

    public SamplingGrid {
        if (intervalMicros < 0) {
            throw new IllegalArgumentException("intervalMicros must be >= 0, got " + intervalMicros);
        }
    }

    /** @param fps frames per second to keep per stream */
    public static SamplingGrid fps(double fps) {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be > 0, got " + fps);
        }
        return new SamplingGrid(Math.max(1L, Math.round(1e6 / fps)));
    }

    public static SamplingGrid everyFrame() {
        return new SamplingGrid(0);
    }

    /**
     * @param current the stream's position, null before its first frame
     * @return the position after keeping the frame at {@code ptsMicros}, or null if it is dropped
     */
    public Position keep(Position current, long ptsMicros) {
        if (intervalMicros == 0) {
            return new Position(ptsMicros, ptsMicros);
        }
        long next;
        if (current == null || ptsMicros < current.lastKeptMicros()) {
            next = ptsMicros + intervalMicros;
        } else if (ptsMicros >= current.nextTickMicros()) {
            // Step past pts on the grid; a long hole skips ticks instead of emitting a burst.
            long tick = current.nextTickMicros();
            next = tick + ((ptsMicros - tick) / intervalMicros + 1) * intervalMicros;
        } else {
            return null;
        }
        return new Position(next, ptsMicros);
    }

    /**
     * This rule run from {@code start} over successive presentation times: answers, time by time,
     * whether {@link #keep} would keep the frame, carrying its own copy of the position along. For
     * guessing ahead of the real run, which stays the caller's; not thread-safe.
     */
    public LongPredicate runningFrom(Position start) {
        return new LongPredicate() {
            private Position position = start;

            @Override
            public boolean test(long ptsMicros) {
                Position after = keep(position, ptsMicros);
                if (after == null) {
                    return false;
                }
                position = after;
                return true;
            }
        };
    }
}
