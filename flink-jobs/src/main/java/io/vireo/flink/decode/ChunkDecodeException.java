package io.vireo.flink.decode;

/** A chunk's payload could not be decoded into the frames its header promises. */
public class ChunkDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    public ChunkDecodeException(String message) {
        super(message);
    }

    public ChunkDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
