package io.vireo.training.checkpoint;

import java.util.Map;

import io.vireo.training.data.SourcePosition;

/**
 * The non-array part of a checkpoint.
 *
 * @param identity  settings that must match to resume (method, architecture, dims, queue size)
 * @param step      number of completed steps
 * @param seed      run seed; every random draw (shuffles, augmentation, BN groups) is a function of
 *                  (seed, counter), so seed + step + position is the complete RNG state
 * @param position  source position after the last consumed batch
 */
public record CheckpointMeta(int formatVersion, Map<String, String> identity, long step, long seed,
                             Map<String, Long> position) {
    public static final int FORMAT = 1;

    public SourcePosition sourcePosition() {
        return new SourcePosition(position);
    }
}
