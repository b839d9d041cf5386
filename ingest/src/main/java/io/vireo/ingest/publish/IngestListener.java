package io.vireo.ingest.publish;

import io.vireo.ingest.chunk.SourceProbe;
import io.vireo.ingest.record.VideoChunk;

/** Progress of an ingest run, for bars and logs. Every method is optional. */
public interface IngestListener {

    IngestListener NONE = new IngestListener() {
    };

    default void sourceStarted(IngestSource source, SourceProbe probe) {
    }

    /** @param positionMicros how far into the source the chunks reach */
    default void chunkHandled(IngestSource source, VideoChunk chunk, boolean published, long positionMicros) {
    }

    default void sourceFinished(SourceReport report) {
    }
}
