package io.vireo.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encoded files, decoded with real FFmpeg, against the raw renders and the sidecar. */
class SceneSynthesizerEncodingTest {

    private static final SynthConfig CONFIG = SynthConfig.builder().width(320).height(240).fps(20).frames(60)
            .seed(8).meanShotSeconds(0.9).gopFrames(20).build();

    @TempDir
    static Path dir;
    private static SynthResult result;
    private static SynthVideo raw;
    private static final AtomicInteger lastProgress = new AtomicInteger();

    @BeforeAll
    static void generate() throws Exception {
        result = SceneSynthesizer.generate(CONFIG, dir, "clip", lastProgress::set);
        raw = SceneSynthesizer.render(CONFIG);
    }

    @Test
    void mp4AndTsEachDecodeToEveryFrameCloseToTheRawRender() throws Exception {
        List<RgbImage> fromMp4 = decode(result.mp4());
        List<RgbImage> fromTs = decode(result.ts());

        assertThat(fromMp4).hasSize(CONFIG.frames());
        assertThat(fromTs).hasSize(CONFIG.frames());
        for (int i = 0; i < CONFIG.frames(); i++) {
            assertThat(Pixels.psnr(raw.frames().get(i), fromMp4.get(i))).as("PSNR of frame %d", i).isGreaterThan(30);
            assertThat(fromTs.get(i)).as("TS frame %d equals MP4 frame", i).isEqualTo(fromMp4.get(i));
        }
        assertThat(lastProgress.get()).isEqualTo(CONFIG.frames());
    }

    @Test
    void keyframesStartEveryShotAndNoGopIsLongerThanConfigured() throws Exception {
        List<Integer> cuts = result.groundTruth().shotCuts();
        assertThat(cuts).isNotEmpty();
        for (Path file : List.of(result.mp4(), result.ts())) {
            List<Integer> keyframes = keyframePackets(file);

            assertThat(keyframes).as("keyframes of %s", file.getFileName()).contains(0).containsAll(cuts);
            List<Integer> bounds = new ArrayList<>(keyframes);
            bounds.add(CONFIG.frames());
            for (int k = 1; k < bounds.size(); k++) {
                assertThat(bounds.get(k) - bounds.get(k - 1)).as("GOP before frame %d", bounds.get(k))
                        .isLessThanOrEqualTo(CONFIG.gopFrames());
            }
        }
    }

    @Test
    void sidecarRoundTripsAndMatchesTheInMemoryRender() throws Exception {
        GroundTruth read = GroundTruthJson.read(result.groundTruthFile());

        assertThat(read).isEqualTo(result.groundTruth());
        assertThat(read.frames()).isEqualTo(raw.truth().frames());
        assertThat(read.video().mp4File()).isEqualTo("clip.mp4");
        assertThat(read.video().tsFile()).isEqualTo("clip.ts");
        assertThat(read.video().frameCount()).isEqualTo(CONFIG.frames());
        assertThat(read.classes()).containsExactlyElementsOf(ObjectClass.labels());

        JsonNode object = new ObjectMapper().readTree(result.groundTruthFile().toFile())
                .get("frames").get(0).get("objects").get(0);
        assertThat(object.get("box").isArray()).isTrue();
        assertThat(object.get("box")).hasSize(4);
        assertThat(object.get("light").get("colour")).hasSize(3);
        assertThat(object.fieldNames()).toIterable().contains("id", "classId", "className", "viewpointDeg", "occlusion");
    }

    private static List<RgbImage> decode(Path file) throws Exception {
        List<RgbImage> frames = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                frames.add(Pixels.fromFrame(frame));
            }
            grabber.stop();
        }
        return frames;
    }

    private static List<Integer> keyframePackets(Path file) throws Exception {
        List<Integer> keyframes = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            AVPacket packet;
            int index = 0;
            while ((packet = grabber.grabPacket()) != null) {
                if ((packet.flags() & avcodec.AV_PKT_FLAG_KEY) != 0) {
                    keyframes.add(index);
                }
                avcodec.av_packet_unref(packet);
                index++;
            }
            grabber.stop();
        }
        return keyframes;
    }
}
