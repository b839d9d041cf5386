package io.vireo.ingest.publish;

/**
 * One stream to ingest.
 *
 * @param location a file path or a URL FFmpeg can open (rtsp, http(s), udp, ...)
 * @param streamId the Kafka key its chunks are published under
 */
public record IngestSource(String location, String streamId) {
    public IngestSource {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("source location must not be blank");
        }
        if (streamId == null || streamId.isBlank()) {
            throw new IllegalArgumentException("stream id of " + location + " must not be blank");
        }
    }
}
