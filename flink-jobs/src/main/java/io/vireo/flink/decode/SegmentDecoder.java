package io.vireo.flink.decode;

import io.vireo.flink.record.DecodedFrame;
import io.vireo.ingest.record.VideoChunk;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes one chunk (MPEG-TS or Matroska segment), from memory, into display-oriented BGR frames. Plain Java, no Flink:
 * {@link ChunkDecoder} adds state, metrics and error routing around it.
 *
 * <p>A chunk decodes all or nothing: frames are collected before any is returned, so a chunk
 * that breaks half way yields an error and no frames rather than a truncated run of possibly
 * concealment-damaged pictures feeding pair building. The price is holding one chunk's frames in
 * memory (frames x width x height x 3 bytes, e.g. 50 x 0.7 MB for 2 s of 640x360 at 25 fps), which
 * the chunker's segment duration bounds.
 */
public final class SegmentDecoder {

    private final int threads;

    /** @param threads FFmpeg decoding threads per chunk */
    public SegmentDecoder(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    /**
     * @param firstFrameIndex index in the stream of the chunk's first frame
     * @return the chunk's frames in presentation order; never empty
     * @throws ChunkDecodeException if the payload does not open as video in its declared container, decoding fails,
     *                              or fewer frames come out than the chunk's header announces
     */
    public List<DecodedFrame> decode(VideoChunk chunk, long firstFrameIndex) throws ChunkDecodeException {
        int rotation;
        try {
            rotation = BgrImages.normalizeRotation(chunk.rotationDegrees());
        } catch (IllegalArgumentException e) {
            throw new ChunkDecodeException(e.getMessage());
        }
        List<DecodedFrame> frames = new ArrayList<>(Math.max(chunk.frameCount(), 1));
        // The default mark limit lets FFmpeg seek back while probing; free on a byte array.
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(chunk.payload()));
        try {
            // Naming the container skips probing, and makes garbage fail instead of being
            // guessed as some other format.
            grabber.setFormat(chunk.container());
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.setVideoOption("threads", Integer.toString(threads));
            grabber.start();
            if (grabber.getVideoCodec() == 0) {
                throw new ChunkDecodeException("no video stream in the payload");
            }
            long firstTimestamp = Long.MIN_VALUE;
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (firstTimestamp == Long.MIN_VALUE) {
                    firstTimestamp = frame.timestamp;
                }
                int width = frame.imageWidth;
                int height = frame.imageHeight;
                byte[] bgr = BgrImages.rotateClockwise(pack(frame), width, height, rotation);
                boolean swap = rotation == 90 || rotation == 270;
                // The TS muxer shifts timestamps by its own offset; anchoring on the header's first
                // PTS puts frames back on the source's timeline, as the chunker measured it.
                long pts = chunk.firstPtsMicros() + (frame.timestamp - firstTimestamp);
                frames.add(new DecodedFrame(chunk.streamId(), chunk.sequence(), firstFrameIndex + frames.size(),
                        pts, swap ? height : width, swap ? width : height, bgr));
            }
            grabber.stop();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            throw new ChunkDecodeException("cannot decode chunk: " + e.getMessage(), e);
        } finally {
            releaseQuietly(grabber);
        }
        if (frames.isEmpty()) {
            throw new ChunkDecodeException("no frame decoded from " + chunk.payload().length + " bytes");
        }
        frames = inPresentationTimeOrder(frames);
        if (frames.size() < chunk.frameCount()) {
            throw new ChunkDecodeException("decoded " + frames.size() + " frames, the chunk header announces "
                    + chunk.frameCount() + " (truncated or damaged payload)");
        }
        return frames;
    }

    /**
     * AVI stores one timestamp per packet, in decoding order; remuxed, a stream with B-frames
     * carries those as presentation times, so frames leave the decoder in display order (which is
     * right) stamped with decode-order times (which are not), e.g. 0, 42, 125, 167, 83 ms. The set
     * of times is right, only their order is not: the sorted times are handed out in output order.
     */
    static List<DecodedFrame> inPresentationTimeOrder(List<DecodedFrame> frames) {
        boolean increasing = true;
        for (int i = 1; i < frames.size() && increasing; i++) {
            increasing = frames.get(i).ptsMicros() > frames.get(i - 1).ptsMicros();
        }
        if (increasing) {
            return frames;
        }
        long[] times = frames.stream().mapToLong(DecodedFrame::ptsMicros).sorted().toArray();
        List<DecodedFrame> restamped = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            DecodedFrame f = frames.get(i);
            restamped.add(new DecodedFrame(f.streamId(), f.chunkSequence(), f.frameIndex(), times[i], f.width(),
                    f.height(), f.bgr()));
        }
        return restamped;
    }

    /** Copies the grabber's (possibly row-padded, reused) buffer into an unpadded array. */
    private static byte[] pack(Frame frame) {
        if (frame.imageChannels != 3 || frame.imageDepth != Frame.DEPTH_UBYTE) {
            throw new IllegalStateException("expected 8-bit BGR from the grabber, got " + frame.imageChannels
                    + " channels of depth " + frame.imageDepth);
        }
        int rowBytes = frame.imageWidth * 3;
        byte[] out = new byte[rowBytes * frame.imageHeight];
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        for (int y = 0; y < frame.imageHeight; y++) {
            buffer.get(y * frame.imageStride, out, y * rowBytes, rowBytes);
        }
        return out;
    }

    private static void releaseQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.release();
        } catch (FrameGrabber.Exception ignored) {
            // Nothing to recover: the native context is being torn down either way.
        }
    }
}
