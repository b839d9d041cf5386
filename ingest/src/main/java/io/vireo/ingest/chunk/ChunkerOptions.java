package io.vireo.ingest.chunk;

import java.time.Duration;

/**
 * How a video is cut into chunks.
 *
 * @param targetDuration a chunk is closed at the first keyframe at or after this span; long-GOP input gives longer chunks
 * @param maxChunkBytes  a chunk larger than this is an error (it could not be published as one Kafka message)
 * @param ioTimeout      how long a network source may stay silent before it counts as ended or unreachable
 */
public record ChunkerOptions(Duration targetDuration, long maxChunkBytes, Duration ioTimeout) {

    /** 16 MiB: leaves headroom under the 20 MiB broker and topic message limit for headers and batch framing. */
    public static final long DEFAULT_MAX_CHUNK_BYTES = 16L << 20;

    public ChunkerOptions {
        if (targetDuration == null || targetDuration.isNegative() || targetDuration.isZero()) {
            throw new IllegalArgumentException("chunk-duration must be > 0, got " + targetDuration);
        }
        if (maxChunkBytes <= 0) {
            throw new IllegalArgumentException("max-chunk-bytes must be > 0, got " + maxChunkBytes);
        }
        if (ioTimeout == null || ioTimeout.isNegative() || ioTimeout.isZero()) {
            throw new IllegalArgumentException("io-timeout must be > 0, got " + ioTimeout);
        }
    }

    public static ChunkerOptions defaults() {
        return new ChunkerOptions(Duration.ofSeconds(2), DEFAULT_MAX_CHUNK_BYTES, Duration.ofSeconds(10));
    }

    public ChunkerOptions withTargetDuration(Duration duration) {
        return new ChunkerOptions(duration, maxChunkBytes, ioTimeout);
    }

    public ChunkerOptions withMaxChunkBytes(long bytes) {
        return new ChunkerOptions(targetDuration, bytes, ioTimeout);
    }

    public ChunkerOptions withIoTimeout(Duration timeout) {
        return new ChunkerOptions(targetDuration, maxChunkBytes, timeout);
    }
}
