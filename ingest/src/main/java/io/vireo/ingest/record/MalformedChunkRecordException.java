package io.vireo.ingest.record;

/** A Kafka record on the chunk topic that does not carry what {@link ChunkRecords} writes. */
public class MalformedChunkRecordException extends RuntimeException {
    public MalformedChunkRecordException(String message) {
        super(message);
    }
}
