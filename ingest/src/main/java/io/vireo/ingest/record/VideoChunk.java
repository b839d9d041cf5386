package io.vireo.ingest.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * One independently decodable piece of a video stream: a complete container segment (MPEG-TS, or
 * Matroska for codecs MPEG-TS cannot carry) that starts at a keyframe. A stream is the ordered
 * sequence of its chunks, numbered from 0 without gaps.
 *
 * @param streamId        the Kafka key; names the stream across re-ingests
 * @param sequence        position of this chunk in its stream, 0-based
 * @param firstPtsMicros  presentation time of the chunk's first frame, in microseconds of the source's timeline
 * @param durationMicros  span from the first frame's PTS to the end of the last frame
 * @param container       FFmpeg format name of the payload: {@code mpegts} or {@code matroska}
 * @param codec           FFmpeg codec name of the video stream, e.g. {@code h264}
 * @param width           coded width in pixels
 * @param height          coded height in pixels
 * @param frameRate       the source's average frame rate (frames per second); timestamps stay authoritative for VFR input
 * @param rotationDegrees display rotation the decoder must apply (0, 90, 180 or 270), from the source's display matrix
 * @param frameCount      number of video frames (packets) in the chunk
 * @param source          where the stream came from (file path or URL), for reports
 * @param payload         the segment's bytes
 */
public record VideoChunk(
        String streamId,
        long sequence,
        long firstPtsMicros,
        long durationMicros,
        String container,
        String codec,
        int width,
        int height,
        double frameRate,
        int rotationDegrees,
        int frameCount,
        String source,
        byte[] payload) {

    public VideoChunk {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(payload, "payload");
        if (streamId.isBlank()) {
            throw new IllegalArgumentException("streamId must not be blank");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be >= 0, got " + sequence);
        }
        if (durationMicros < 0) {
            throw new IllegalArgumentException("durationMicros must be >= 0, got " + durationMicros);
        }
        if (rotationDegrees % 90 != 0) {
            throw new IllegalArgumentException("rotationDegrees must be a multiple of 90, got " + rotationDegrees);
        }
    }

    public double firstPtsSeconds() {
        return firstPtsMicros / 1e6;
    }

    public double durationSeconds() {
        return durationMicros / 1e6;
    }

    // Records compare arrays by identity; chunks are values, so compare the bytes.
    @Override
    public boolean equals(Object o) {
        return o instanceof VideoChunk c
                && sequence == c.sequence && firstPtsMicros == c.firstPtsMicros
                && durationMicros == c.durationMicros && width == c.width && height == c.height
                && Double.compare(frameRate, c.frameRate) == 0 && rotationDegrees == c.rotationDegrees
                && frameCount == c.frameCount && streamId.equals(c.streamId) && codec.equals(c.codec)
                && container.equals(c.container) && source.equals(c.source) && Arrays.equals(payload, c.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamId, sequence, firstPtsMicros, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "VideoChunk[" + streamId + "#" + sequence + ", pts=" + firstPtsSeconds() + "s, dur="
                + durationSeconds() + "s, " + frameCount + " frames, " + payload.length + " bytes]";
    }
}
