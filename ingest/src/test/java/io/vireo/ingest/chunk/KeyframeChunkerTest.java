package io.vireo.ingest.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vireo.ingest.ffmpeg.FfmpegCli;
import io.vireo.ingest.record.VideoChunk;
import io.vireo.ingest.testing.TestVideos;
import io.vireo.ingest.testing.TestVideos.Spec;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyframeChunkerTest {

    @TempDir
    static Path dir;
    static Path oneSecondGop;

    @BeforeAll
    static void encode() throws Exception {
        oneSecondGop = TestVideos.h264(dir, "gop25", Spec.of(10).withAudio());
    }

    @Test
    void everyChunkDecodesOnItsOwnAndTogetherTheyMatchTheSource() throws Exception {
        List<VideoChunk> chunks = new ArrayList<>();
        ChunkingResult result = chunker(2).chunk(oneSecondGop.toString(), "s", 0, chunks::add, null);

        assertThat(result.complete()).as(result.damage()).isTrue();
        assertThat(chunks).extracting(VideoChunk::sequence).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(chunks).allSatisfy(c -> assertThat(c.frameCount()).isEqualTo(50));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (VideoChunk chunk : chunks) {
            Path alone = dir.resolve("alone-" + chunk.sequence() + ".ts");
            Files.write(alone, chunk.payload());
            assertThat(FfmpegCli.decodedFrameCount(alone)).as("frames decoded from chunk %d alone", chunk.sequence())
                    .isEqualTo(chunk.frameCount());
            stream.write(chunk.payload());
        }
        Path reassembled = dir.resolve("reassembled.ts");
        Files.write(reassembled, stream.toByteArray());
        assertThat(FfmpegCli.decodedFrameCount(reassembled)).isEqualTo(FfmpegCli.decodedFrameCount(oneSecondGop))
                .isEqualTo(250);
        assertThat(result.frames()).isEqualTo(250);
    }

    @Test
    void realClipsInEveryCodecChunkIntoSegmentsThatDecodeAlone() throws Exception {
        for (Path clip : TestVideos.realClips()) {
            List<VideoChunk> chunks = new ArrayList<>();
            ChunkingResult result = chunker(2).chunk(clip.toString(), "real", 0, chunks::add, null);

            assertThat(result.complete()).as("%s: %s", clip, result.damage()).isTrue();
            long decoded = 0;
            for (VideoChunk chunk : chunks) {
                Path alone = dir.resolve("real-" + chunk.sequence() + "." + chunk.container());
                Files.write(alone, chunk.payload());
                long frames = FfmpegCli.decodedFrameCount(alone);
                assertThat(frames).as("%s chunk %d (%s) decoded alone", clip.getFileName(), chunk.sequence(),
                        chunk.container()).isEqualTo(chunk.frameCount());
                decoded += frames;
            }
            assertThat(decoded).as("frames of %s across its chunks", clip.getFileName())
                    .isEqualTo(FfmpegCli.decodedFrameCount(clip));
        }
    }

    @Test
    void chunksCarryTheSourceTimelineAndMetadata() throws Exception {
        List<VideoChunk> chunks = new ArrayList<>();
        chunker(2).chunk(oneSecondGop.toString(), "cam", 0, chunks::add, null);

        for (int i = 0; i < chunks.size(); i++) {
            VideoChunk chunk = chunks.get(i);
            assertThat(chunk.firstPtsMicros()).isEqualTo(2_000_000L * i + chunks.get(0).firstPtsMicros());
            assertThat(chunk.durationMicros()).isEqualTo(2_000_000L);
            assertThat(chunk.codec()).isEqualTo("h264");
            assertThat(chunk.container()).isEqualTo("mpegts");
            assertThat(chunk.width()).isEqualTo(320);
            assertThat(chunk.height()).isEqualTo(240);
            assertThat(chunk.frameRate()).isEqualTo(25.0);
            assertThat(chunk.streamId()).isEqualTo("cam");
        }
    }

    @Test
    void chunksAreCutOnlyAtKeyframesSoLongGopsGiveLongerChunks() throws Exception {
        Path longGop = TestVideos.h264(dir, "gop125", Spec.of(10).gop(125));
        List<VideoChunk> chunks = new ArrayList<>();
        chunker(2).chunk(longGop.toString(), "s", 0, chunks::add, null);

        assertThat(chunks).extracting(VideoChunk::frameCount).containsExactly(125, 125);
        assertThat(chunks).extracting(VideoChunk::durationMicros).containsExactly(5_000_000L, 5_000_000L);
    }

    @Test
    void numberingStartsWhereTheCallerSays() throws Exception {
        List<VideoChunk> chunks = new ArrayList<>();
        chunker(2).chunk(oneSecondGop.toString(), "s", 40, chunks::add, null);

        assertThat(chunks).extracting(VideoChunk::sequence).containsExactly(40L, 41L, 42L, 43L, 44L);
    }

    @Test
    void rotationMetadataIsCarriedInTheChunk() throws Exception {
        Path rotated = TestVideos.rotated(oneSecondGop, 90);
        List<VideoChunk> chunks = new ArrayList<>();
        chunker(2).chunk(rotated.toString(), "s", 0, chunks::add, null);

        assertThat(chunks).isNotEmpty().allSatisfy(c -> assertThat(c.rotationDegrees()).isIn(90, 270));
    }

    @Test
    void variableFrameRateKeepsTheSourceTimestamps() throws Exception {
        // First 2 s at 25 fps, then frames spaced 80 ms apart: a VFR stream.
        Path vfr = dir.resolve("vfr.mp4");
        FfmpegCli.runFfmpeg(Duration.ofMinutes(1), "-y", "-v", "error", "-t", "4", "-f", "lavfi", "-i",
                "testsrc2=size=160x120:rate=25", "-vf", "setpts='if(lt(N,50),N,50+(N-50)*2)/25/TB'",
                "-fps_mode", "vfr", "-c:v", "libopenh264", "-g", "25", vfr.toString());
        List<VideoChunk> chunks = new ArrayList<>();
        ChunkingResult result = chunker(1).chunk(vfr.toString(), "s", 0, chunks::add, null);

        assertThat(result.frames()).isEqualTo(100);
        long start = chunks.get(0).firstPtsMicros();
        // Keyframes every 25 frames: frames 0 and 25 at 40 ms spacing, 50 and 75 at 80 ms spacing.
        assertThat(chunks).extracting(c -> c.firstPtsMicros() - start)
                .containsExactly(0L, 1_000_000L, 2_000_000L, 4_000_000L);
    }

    @Test
    void aFileThatIsNotAVideoIsRefusedWithTheCause() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "these are not the frames you are looking for");

        assertThatThrownBy(() -> chunker(2).chunk(text.toString(), "s", 0, c -> { }, null))
                .isInstanceOf(VideoSourceException.class)
                .hasMessageStartingWith(text.toString())
                .hasMessageContaining("not a readable video");
    }

    @Test
    void anAudioOnlyFileHasNoVideoStream() throws Exception {
        Path audio = dir.resolve("tone.m4a");
        FfmpegCli.runFfmpeg(Duration.ofMinutes(1), "-y", "-v", "error", "-f", "lavfi", "-i", "sine", "-t", "2",
                "-c:a", "aac", audio.toString());

        assertThatThrownBy(() -> chunker(2).chunk(audio.toString(), "s", 0, c -> { }, null))
                .hasMessageContaining("no video stream");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> chunker(2).chunk(dir.resolve("nope.mp4").toString(), "s", 0, c -> { }, null))
                .hasMessageContaining("nope.mp4").hasMessageContaining("no such file");
    }

    @Test
    void aTruncatedFileDeliversTheValidPartAndSaysHowFarItGot() throws Exception {
        Path truncated = TestVideos.truncated(oneSecondGop, 0.6);
        List<VideoChunk> chunks = new ArrayList<>();
        ChunkingResult result = chunker(2).chunk(truncated.toString(), "s", 0, chunks::add, null);

        assertThat(result.complete()).isFalse();
        assertThat(result.damage()).containsAnyOf("truncated", "read error", "corrupt");
        assertThat(chunks).isNotEmpty();
        assertThat(result.lastEndMicros()).isBetween(3_000_000L, 8_000_000L);
        for (VideoChunk chunk : chunks) {
            Path alone = dir.resolve("trunc-" + chunk.sequence() + ".ts");
            Files.write(alone, chunk.payload());
            assertThat(FfmpegCli.decodedFrameCount(alone)).isEqualTo(chunk.frameCount());
        }
    }

    @Test
    void aChunkOverTheSizeLimitIsAnErrorNamingStreamAndPosition() {
        ChunkerOptions tiny = ChunkerOptions.defaults().withMaxChunkBytes(20_000);

        assertThatThrownBy(() -> new KeyframeChunker(tiny).chunk(oneSecondGop.toString(), "cam-7", 0, c -> { }, null))
                .isInstanceOf(ChunkTooLargeException.class)
                .hasMessageContaining("stream 'cam-7'")
                .hasMessageContaining("chunk 0")
                .hasMessageContaining("limit of 20000 bytes");
    }

    private static KeyframeChunker chunker(int seconds) {
        return new KeyframeChunker(ChunkerOptions.defaults().withTargetDuration(Duration.ofSeconds(seconds)));
    }
}
