package io.vireo.training;

/** Receives progress of a training run (the CLI draws a progress bar from it). */
@FunctionalInterface
public interface ProgressListener {
    void onStep(Progress progress);

    /** Called after a checkpoint was written. */
    default void onCheckpoint(java.nio.file.Path file, long step) {
    }

    ProgressListener NONE = p -> { };
}
