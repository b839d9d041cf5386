package io.vireo.flink.testing;

import io.vireo.ingest.record.VideoChunk;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Real MPEG-TS chunks of a synthetic scene, encoded with FFmpeg (libopenh264), one recorder per
 * chunk so that every chunk starts with a keyframe, as the chunker's output does.
 *
 * <p>Scene: grey background, a red marker filling the top-left quarter (to check orientation),
 * and a white square moving right along the bottom half (so frames differ).
 */
public final class SyntheticChunks {

    public static final int WIDTH = 64;
    public static final int HEIGHT = 48;
    public static final int FPS = 25;
    public static final int FRAMES_PER_CHUNK = 10;
    public static final long FRAME_MICROS = 1_000_000L / FPS;
    public static final long CHUNK_MICROS = FRAMES_PER_CHUNK * FRAME_MICROS;

    static {
        // FFmpeg prints every stream's layout at INFO, which buries test output; warnings stay.
        avutil.av_log_set_level(avutil.AV_LOG_WARNING);
    }

    private SyntheticChunks() {
    }

    public static VideoChunk chunk(String streamId, long sequence) {
        return chunk(streamId, sequence, 0);
    }

    public static VideoChunk chunk(String streamId, long sequence, int rotationDegrees) {
        byte[] ts = encode(sequence * FRAMES_PER_CHUNK, FRAMES_PER_CHUNK);
        return new VideoChunk(streamId, sequence, sequence * CHUNK_MICROS, CHUNK_MICROS, "mpegts", "h264", WIDTH, HEIGHT,
                FPS, rotationDegrees, FRAMES_PER_CHUNK, "synthetic:" + streamId, ts);
    }

    /** A chunk whose header is valid but whose payload is the given bytes. */
    public static VideoChunk withPayload(VideoChunk chunk, byte[] payload) {
        return new VideoChunk(chunk.streamId(), chunk.sequence(), chunk.firstPtsMicros(), chunk.durationMicros(),
                chunk.container(), chunk.codec(), chunk.width(), chunk.height(), chunk.frameRate(), chunk.rotationDegrees(),
                chunk.frameCount(), chunk.source(), payload);
    }

    /** A tiny placeholder chunk for tests that never decode (sequencing). */
    public static VideoChunk stub(String streamId, long sequence) {
        return new VideoChunk(streamId, sequence, sequence * CHUNK_MICROS, CHUNK_MICROS, "mpegts", "h264", WIDTH, HEIGHT,
                FPS, 0, FRAMES_PER_CHUNK, "stub", new byte[] {0x47, (byte) sequence});
    }

    private static byte[] encode(long firstFrame, int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, WIDTH, HEIGHT, 0)) {
            recorder.setFormat("mpegts");
            recorder.setVideoCodecName("libopenh264");
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.setGopSize(frames);
            recorder.setVideoBitrate(400_000);
            recorder.start();
            for (int i = 0; i < frames; i++) {
                recorder.record(render(firstFrame + i), avutil.AV_PIX_FMT_BGR24);
            }
            recorder.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Frame render(long frameNumber) {
        Frame frame = new Frame(WIDTH, HEIGHT, Frame.DEPTH_UBYTE, 3);
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride;
        int box = HEIGHT / 4;
        int boxX = (int) (frameNumber * 2 % (WIDTH - box));
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int b = 128, g = 128, r = 128;
                if (x < WIDTH / 4 && y < HEIGHT / 4) {
                    b = 0; g = 0; r = 255;
                } else if (y >= HEIGHT / 2 && y < HEIGHT / 2 + box && x >= boxX && x < boxX + box) {
                    b = 255; g = 255; r = 255;
                }
                int i = y * stride + x * 3;
                pixels.put(i, (byte) b).put(i + 1, (byte) g).put(i + 2, (byte) r);
            }
        }
        return frame;
    }
}
