package io.vireo.flink.decode;

import static io.vireo.flink.testing.SyntheticChunks.FRAME_MICROS;
import static io.vireo.flink.testing.SyntheticChunks.FRAMES_PER_CHUNK;
import static io.vireo.flink.testing.SyntheticChunks.HEIGHT;
import static io.vireo.flink.testing.SyntheticChunks.WIDTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vireo.flink.record.DecodedFrame;
import io.vireo.flink.testing.SyntheticChunks;
import io.vireo.ingest.record.VideoChunk;
import io.vireo.ingest.chunk.ChunkerOptions;
import io.vireo.ingest.chunk.KeyframeChunker;
import io.vireo.ingest.ffmpeg.FfmpegCli;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentDecoderTest {

    private final SegmentDecoder decoder = new SegmentDecoder(1);

    @AfterEach
    void closeDecoder() {
        decoder.close();
    }

    @Test
    void decodesEveryFrameWithSourceTimestampsAndSize() throws Exception {
        VideoChunk chunk = SyntheticChunks.chunk("cam", 3);

        List<DecodedFrame> frames = decoder.decode(chunk, 100);

        assertThat(frames).hasSize(FRAMES_PER_CHUNK);
        for (int i = 0; i < frames.size(); i++) {
            DecodedFrame f = frames.get(i);
            assertThat(f.streamId()).isEqualTo("cam");
            assertThat(f.chunkSequence()).isEqualTo(3);
            assertThat(f.frameIndex()).isEqualTo(100 + i);
            assertThat(f.ptsMicros()).isEqualTo(chunk.firstPtsMicros() + i * FRAME_MICROS);
            assertThat(f.width()).isEqualTo(WIDTH);
            assertThat(f.height()).isEqualTo(HEIGHT);
        }
        // The scene survives the lossy round trip: red marker top-left, grey elsewhere.
        assertThat(isRed(frames.get(0).rgbAt(4, 4))).isTrue();
        assertThat(isRed(frames.get(0).rgbAt(WIDTH - 4, 4))).isFalse();
    }

    @Test
    void rotation90TurnsThePictureClockwise() throws Exception {
        VideoChunk upright = SyntheticChunks.chunk("cam", 0);
        VideoChunk turned = SyntheticChunks.withPayload(SyntheticChunks.chunk("cam", 0, 90), upright.payload());

        DecodedFrame plain = decoder.decode(upright, 0).get(0);
        DecodedFrame rotated = decoder.decode(turned, 0).get(0);

        assertThat(rotated.width()).isEqualTo(HEIGHT);
        assertThat(rotated.height()).isEqualTo(WIDTH);
        // Clockwise: the top-left marker ends up top-right.
        assertThat(isRed(rotated.rgbAt(rotated.width() - 4, 4))).isTrue();
        assertThat(isRed(rotated.rgbAt(4, 4))).isFalse();
        assertThat(rotated.bgr()).isEqualTo(BgrImages.rotateClockwise(plain.bgr(), WIDTH, HEIGHT, 90));
    }

    /**
     * MPEG-4 with B-frames in AVI, as DivX-era files are: AVI only has decode-order times, so the
     * remuxed chunk stamps display-order frames with them. Decoded, the frames must be the file's
     * frames in display order with times that increase one frame period at a time.
     */
    @Test
    void bFramesFromAviGetTheirTimesInDisplayOrder(@TempDir Path dir) throws Exception {
        Path avi = dir.resolve("bframes.avi");
        FfmpegCli.runFfmpeg(Duration.ofMinutes(1), "-y", "-v", "error", "-f", "lavfi", "-i",
                "testsrc2=size=160x120:rate=25", "-t", "2", "-c:v", "mpeg4", "-bf", "2", "-g", "25", "-q:v", "4",
                avi.toString());
        List<VideoChunk> chunks = new ArrayList<>();
        new KeyframeChunker(ChunkerOptions.defaults()).chunk(avi.toString(), "avi", 0, chunks::add, null);

        List<DecodedFrame> frames = new ArrayList<>();
        for (VideoChunk chunk : chunks) {
            frames.addAll(decoder.decode(chunk, frames.size()));
        }

        List<byte[]> reference = displayOrderFrames(avi);
        assertThat(frames).hasSameSizeAs(reference).hasSize(50);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i).bgr()).as("frame %d", i).isEqualTo(reference.get(i));
            if (i > 0) {
                assertThat(frames.get(i).ptsMicros() - frames.get(i - 1).ptsMicros()).as("step to frame %d", i)
                        .isEqualTo(40_000);
            }
        }
    }

    /** The file's frames as FFmpeg decodes it directly, in display order. */
    private static List<byte[]> displayOrderFrames(Path video) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                byte[] bgr = new byte[frame.imageWidth * frame.imageHeight * 3];
                ByteBuffer buffer = (ByteBuffer) frame.image[0];
                for (int y = 0; y < frame.imageHeight; y++) {
                    buffer.get(y * frame.imageStride, bgr, y * frame.imageWidth * 3, frame.imageWidth * 3);
                }
                out.add(bgr);
            }
            grabber.stop();
        }
        return out;
    }

    @Test
    void randomBytesAreRejected() {
        byte[] noise = new byte[20_000];
        new Random(7).nextBytes(noise);
        VideoChunk chunk = SyntheticChunks.withPayload(SyntheticChunks.chunk("cam", 0), noise);

        assertThatThrownBy(() -> decoder.decode(chunk, 0)).isInstanceOf(ChunkDecodeException.class);
    }

    /** The decoder stays open across a stream's chunks; that must not change a single pixel or time. */
    @Test
    void oneDecoderAcrossChunksGivesWhatAFreshDecoderPerChunkGives() throws Exception {
        List<DecodedFrame> kept = new ArrayList<>();
        List<DecodedFrame> fresh = new ArrayList<>();
        for (int sequence = 0; sequence < 3; sequence++) {
            VideoChunk chunk = SyntheticChunks.chunk("cam", sequence);
            kept.addAll(decoder.decode(chunk, kept.size()));
            try (SegmentDecoder once = new SegmentDecoder(1)) {
                fresh.addAll(once.decode(chunk, fresh.size()));
            }
        }
        assertThat(kept).hasSize(3 * FRAMES_PER_CHUNK).isEqualTo(fresh);
    }

    @Test
    void aCorruptChunkDoesNotSpoilTheNextOne() throws Exception {
        List<DecodedFrame> before = decoder.decode(SyntheticChunks.chunk("cam", 0), 0);
        byte[] noise = new byte[20_000];
        new Random(5).nextBytes(noise);
        VideoChunk garbage = SyntheticChunks.withPayload(SyntheticChunks.chunk("cam", 1), noise);
        VideoChunk whole = SyntheticChunks.chunk("cam", 1);
        VideoChunk half = SyntheticChunks.withPayload(whole, Arrays.copyOf(whole.payload(), whole.payload().length / 2));

        assertThatThrownBy(() -> decoder.decode(garbage, 0)).isInstanceOf(ChunkDecodeException.class);
        assertThatThrownBy(() -> decoder.decode(half, 0)).isInstanceOf(ChunkDecodeException.class);

        assertThat(decoder.decode(SyntheticChunks.chunk("cam", 0), 0)).isEqualTo(before);
    }

    @Test
    void picturesAreConvertedOnlyWhenAsked() throws Exception {
        VideoChunk chunk = SyntheticChunks.chunk("cam", 2);
        List<DecodedFrame> all = decoder.decode(chunk, 0);

        try (DecodedPictures pictures = decoder.decode(chunk)) {
            assertThat(pictures.count()).isEqualTo(FRAMES_PER_CHUNK);
            for (int i = 0; i < pictures.count(); i++) {
                assertThat(pictures.ptsMicros(i)).isEqualTo(all.get(i).ptsMicros());
            }
            // Out of order and skipping some: each picture converts on its own.
            assertThat(pictures.frame(chunk, 4, 4)).isEqualTo(all.get(4));
            assertThat(pictures.frame(chunk, 1, 1)).isEqualTo(all.get(1));
        }
    }

    /** Converting while decoding is an optimisation: same pixels, and the hint sees the final times. */
    @Test
    void earlyConversionGivesTheSameFramesAndIsAskedWithTheFinalTimes() throws Exception {
        VideoChunk chunk = SyntheticChunks.chunk("cam", 2);
        List<Long> asked = new ArrayList<>();
        try (DecodedPictures late = decoder.decode(chunk);
             DecodedPictures early = decoder.decode(chunk, t -> asked.add(t) && asked.size() % 2 == 1)) {
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < early.count(); i++) {
                times.add(early.ptsMicros(i));
                assertThat(early.frame(chunk, i, i)).as("frame %d", i).isEqualTo(late.frame(chunk, i, i));
            }
            assertThat(asked).isEqualTo(times).hasSize(FRAMES_PER_CHUNK);
            // Handed out once; asking again converts afresh.
            assertThat(early.frame(chunk, 0, 0)).isEqualTo(late.frame(chunk, 0, 0));
        }
    }

    /** Early conversions nobody claims are waited for on close: they read pictures close frees. */
    @Test
    void unclaimedEarlyConversionsDoNotOutliveTheirPictures() throws Exception {
        VideoChunk chunk = SyntheticChunks.chunk("cam", 1);
        for (int round = 0; round < 3; round++) {
            try (DecodedPictures pictures = decoder.decode(chunk, t -> true)) {
                assertThat(pictures.count()).isEqualTo(FRAMES_PER_CHUNK);
            }
        }
        assertThat(decoder.decode(chunk, 0)).hasSize(FRAMES_PER_CHUNK);
    }

    @Test
    void truncatedPayloadIsRejected() {
        VideoChunk whole = SyntheticChunks.chunk("cam", 0);
        byte[] half = Arrays.copyOf(whole.payload(), whole.payload().length / 2);

        assertThatThrownBy(() -> decoder.decode(SyntheticChunks.withPayload(whole, half), 0))
                .isInstanceOf(ChunkDecodeException.class)
                .hasMessageContaining("announces " + FRAMES_PER_CHUNK);
    }

    @Test
    void rotationsComposeToIdentity() {
        byte[] img = new byte[5 * 3 * 3];
        new Random(1).nextBytes(img);
        byte[] r90 = BgrImages.rotateClockwise(img, 5, 3, 90);
        byte[] r180 = BgrImages.rotateClockwise(r90, 3, 5, 90);
        assertThat(r180).isEqualTo(BgrImages.rotateClockwise(img, 5, 3, 180));
        assertThat(BgrImages.rotateClockwise(r180, 5, 3, 180)).isEqualTo(img);
        assertThat(BgrImages.rotateClockwise(r90, 3, 5, -90)).isEqualTo(img);
    }

    static boolean isRed(int rgb) {
        int r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;
        return r > 180 && g < 80 && b < 80;
    }
}
