package io.vireo.ingest.chunk;

import io.vireo.ingest.record.VideoChunk;

/** Receives chunks in sequence order as the chunker closes them. */
@FunctionalInterface
public interface ChunkConsumer {
    void accept(VideoChunk chunk) throws Exception;
}
