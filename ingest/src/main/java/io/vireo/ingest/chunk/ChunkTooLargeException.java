package io.vireo.ingest.chunk;

/** A keyframe interval whose bytes exceed the chunk size limit: refused rather than split mid-GOP. */
public class ChunkTooLargeException extends VideoSourceException {
    public ChunkTooLargeException(String source, String streamId, long sequence, double ptsSeconds, long bytes, long limit) {
        super(source, String.format(
                "chunk %d of stream '%s' at %.3f s is %d bytes, over the limit of %d bytes "
                        + "(keyframes are too far apart for the size limit; re-encode with a shorter GOP or raise max-chunk-bytes)",
                sequence, streamId, ptsSeconds, bytes, limit));
    }
}
