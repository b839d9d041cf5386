package io.vireo.training;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * When a training run ends: at the end of its schedule ({@code steps}), when its source is caught
 * up (scheduled runs that train on what arrived since the last one), or never, following the source
 * as it grows until asked to stop (continuous training). The last two need a source that grows —
 * the pair topic or the pair shards — read once in arrival order, and use a constant learning rate
 * after warmup, as they have no end for a cosine to decay towards. Every mode checkpoints when it
 * ends, so a stopped or caught-up run continues exactly where it left off.
 *
 * @param stopRequested polled between steps and while waiting for data; true ends the run (with a checkpoint)
 */
public record RunLength(Mode mode, BooleanSupplier stopRequested) {

    public enum Mode {
        /** Until {@code steps} (or {@code stopAfterSteps}). */
        SCHEDULE,
        /** Until the source has no full batch left without waiting. */
        UNTIL_CAUGHT_UP,
        /** Until {@link #stopRequested()}; waits for data when caught up. */
        FOLLOW
    }

    public RunLength {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(stopRequested, "stopRequested");
    }

    public static RunLength schedule() {
        return new RunLength(Mode.SCHEDULE, () -> false);
    }

    public static RunLength untilCaughtUp(BooleanSupplier stopRequested) {
        return new RunLength(Mode.UNTIL_CAUGHT_UP, stopRequested);
    }

    public static RunLength follow(BooleanSupplier stopRequested) {
        return new RunLength(Mode.FOLLOW, stopRequested);
    }

    /** Whether the source is read once in arrival order rather than in epochs. */
    public boolean followsSource() {
        return mode != Mode.SCHEDULE;
    }
}
