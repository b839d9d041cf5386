package io.vireo.flink.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * One decoded, display-oriented video frame.
 *
 * <p>Pixels are packed 8-bit BGR, row-major from the top-left, with no row padding
 * ({@code bgr.length == width * height * 3}). Packed BGR because it is what every consumer
 * downstream uses without conversion (OpenCV's default {@code CV_8UC3} layout for trackers and
 * shot-cut histograms, and the input of JPEG view encoding), it costs 3 bytes per pixel rather than
 * 4 for BGRA or an {@code int} per pixel, and a single unpadded {@code byte[]} is written by Flink's
 * byte-array serializer as one length-prefixed copy. YUV 4:2:0 would halve the size but every
 * consumer would convert it back.
 *
 * @param streamId      the stream the frame belongs to
 * @param chunkSequence the sequence number of the chunk it was decoded from
 * @param frameIndex    0-based position among the frames decoded for this stream, in order;
 *                      frames of skipped (missing or corrupt) chunks are not counted, so use
 *                      {@code ptsMicros} for time
 * @param ptsMicros     presentation time on the source's timeline, in microseconds
 * @param width         width after rotation
 * @param height        height after rotation
 * @param bgr           the pixels, see above
 */
public record DecodedFrame(String streamId, long chunkSequence, long frameIndex, long ptsMicros,
                           int width, int height, byte[] bgr) {

    public DecodedFrame {
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(bgr, "bgr");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        if (bgr.length != width * height * 3) {
            throw new IllegalArgumentException("bgr must hold width*height*3 = " + (width * height * 3)
                    + " bytes, got " + bgr.length);
        }
    }

    /** The B, G and R bytes of pixel (x, y) packed into the low 24 bits as 0xRRGGBB. */
    public int rgbAt(int x, int y) {
        int i = (y * width + x) * 3;
        return (bgr[i + 2] & 0xff) << 16 | (bgr[i + 1] & 0xff) << 8 | (bgr[i] & 0xff);
    }

    // Records compare arrays by identity; frames are values, so compare the pixels.
    @Override
    public boolean equals(Object o) {
        return o instanceof DecodedFrame f
                && chunkSequence == f.chunkSequence && frameIndex == f.frameIndex && ptsMicros == f.ptsMicros
                && width == f.width && height == f.height && streamId.equals(f.streamId)
                && Arrays.equals(bgr, f.bgr);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamId, frameIndex, ptsMicros);
    }

    @Override
    public String toString() {
        return "DecodedFrame[" + streamId + "#" + chunkSequence + "/" + frameIndex + ", pts=" + ptsMicros
                + "us, " + width + "x" + height + "]";
    }
}
