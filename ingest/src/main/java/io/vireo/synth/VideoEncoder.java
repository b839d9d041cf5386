package io.vireo.synth;

import io.vireo.ingest.ffmpeg.FfmpegLogs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encodes rendered frames to H.264 (libopenh264, the only H.264 encoder in this FFmpeg build) in MP4.
 * The MPEG-TS copy is a remux of the MP4's packets rather than a second encode, so both containers hold
 * bit-identical frames.
 */
final class VideoEncoder implements AutoCloseable {

    static {
        FfmpegLogs.quiet(); // encoder, grabber and recorder print format dumps at FFmpeg's default level
    }

    static final String CODEC = "h264";
    static final String ENCODER = "libopenh264";
    static final String PIXEL_FORMAT = "yuv420p";

    private final Path file;
    private final FFmpegFrameRecorder recorder;
    private final Optional<KeyframeForcer> keyframes;
    private final Frame frame;

    VideoEncoder(Path mp4, SynthConfig config) throws IOException {
        this.file = mp4;
        recorder = new FFmpegFrameRecorder(mp4.toFile(), config.width(), config.height(), 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName(ENCODER);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(config.fps());
        recorder.setGopSize(config.gopFrames());
        recorder.setVideoBitrate(config.videoBitrate());
        // A skipped frame would silently shorten the video and shift every later ground-truth index.
        recorder.setVideoOption("allow_skip_frames", "0");
        try {
            recorder.start();
        } catch (FrameRecorder.Exception e) {
            releaseQuietly(recorder, e);
            throw new IOException("cannot start " + ENCODER + " encoder for " + mp4 + ": " + e.getMessage(), e);
        }
        keyframes = KeyframeForcer.forRecorder(recorder);
        frame = new Frame(config.width(), config.height(), Frame.DEPTH_UBYTE, 3);
    }

    void write(RgbImage image, boolean keyframe) throws IOException {
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        byte[] pixels = image.pixels();
        int rowBytes = image.width() * 3;
        for (int row = 0; row < image.height(); row++) {
            buffer.position(row * frame.imageStride);
            buffer.put(pixels, row * rowBytes, rowBytes);
        }
        buffer.rewind();
        keyframes.ifPresent(k -> k.requestKeyframe(keyframe));
        try {
            recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
        } catch (FrameRecorder.Exception e) {
            throw new IOException("encoding a frame into " + file + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            recorder.stop();
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("finishing " + file + " failed: " + e.getMessage(), e);
        } finally {
            frame.close();
        }
    }

    private static void releaseQuietly(FFmpegFrameRecorder recorder, Exception cause) {
        try {
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            cause.addSuppressed(e);
        }
    }

    /** Copies the packets of {@code mp4} into an MPEG-TS file, without decoding. */
    static void remuxToTs(Path mp4, Path ts) throws IOException {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(mp4.toFile())) {
            grabber.start();
            try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(ts.toFile(), grabber.getImageWidth(),
                    grabber.getImageHeight(), 0)) {
                recorder.setFormat("mpegts");
                recorder.setVideoCodec(grabber.getVideoCodec());
                recorder.setFrameRate(grabber.getFrameRate());
                recorder.start(grabber.getFormatContext());
                AVPacket packet;
                while ((packet = grabber.grabPacket()) != null) {
                    recorder.recordPacket(packet);
                }
                recorder.stop();
            }
            grabber.stop();
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw new IOException("remuxing " + mp4 + " to " + ts + " failed: " + e.getMessage(), e);
        }
    }
}
