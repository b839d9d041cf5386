package io.vireo.ingest.chunk;

/**
 * What a chunker run produced.
 *
 * @param chunks                chunks handed to the consumer
 * @param frames                video frames in those chunks
 * @param bytes                 payload bytes in those chunks
 * @param lastEndMicros         end of the last chunk on the source timeline (PTS of its last frame + duration)
 * @param leadingPacketsSkipped packets before the first keyframe (a live stream joined mid-GOP); they cannot be decoded alone
 * @param damage                why reading stopped early, or null when the source was read to its end
 */
public record ChunkingResult(SourceProbe probe, long chunks, long frames, long bytes, long lastEndMicros,
                             long leadingPacketsSkipped, String damage) {

    public boolean complete() {
        return damage == null;
    }
}
