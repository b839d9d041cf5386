package io.vireo.flink.record;

import java.util.Objects;

/**
 * A chunk that could not be decoded and was skipped; the stream continues at its next chunk.
 *
 * @param streamId the chunk's stream
 * @param sequence the chunk's sequence number
 * @param message  what went wrong, for operators reading the side output
 */
public record DecodeError(String streamId, long sequence, String message) {
    public DecodeError {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(message, "message");
    }
}
