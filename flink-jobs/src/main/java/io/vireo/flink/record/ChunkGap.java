package io.vireo.flink.record;

import java.util.Objects;

/**
 * Chunks {@code expectedSequence .. resumedAtSequence - 1} of a stream never arrived in time and
 * were skipped; the stream resumed at {@code resumedAtSequence}. Reported on a side output so
 * that a lossy ingest is visible instead of silently shortening a stream.
 *
 * @param streamId          the stream with the hole
 * @param expectedSequence  first missing sequence number
 * @param resumedAtSequence the sequence number emitted next (exclusive end of the hole)
 * @param cause             what made the sequencer stop waiting
 * @param detectedAtMillis  processing time at which the hole was given up on
 */
public record ChunkGap(String streamId, long expectedSequence, long resumedAtSequence, Cause cause, long detectedAtMillis) {

    /** Why the sequencer stopped waiting for the missing chunks. */
    public enum Cause {
        /** The gap outlived the gap timeout while later chunks were waiting. */
        TIMEOUT,
        /** More chunks were waiting behind the gap than the pending limit allows. */
        BACKLOG,
        /** The stream went quiet; its pending chunks were flushed. */
        INACTIVITY,
        /** The (bounded) input ended; pending chunks were flushed. */
        END_OF_INPUT
    }

    public ChunkGap {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(cause, "cause");
        if (resumedAtSequence <= expectedSequence) {
            throw new IllegalArgumentException("a gap must skip at least one chunk: expected "
                    + expectedSequence + ", resumed at " + resumedAtSequence);
        }
    }

    public long missingChunks() {
        return resumedAtSequence - expectedSequence;
    }
}
