package io.vireo.flink.decode;

import static io.vireo.flink.testing.SyntheticChunks.FRAMES_PER_CHUNK;
import static io.vireo.flink.testing.SyntheticChunks.HEIGHT;
import static io.vireo.flink.testing.SyntheticChunks.WIDTH;
import static org.assertj.core.api.Assertions.assertThat;

import io.vireo.flink.record.DecodeError;
import io.vireo.flink.record.DecodedFrame;
import io.vireo.flink.sample.SamplingGrid;
import io.vireo.flink.testing.MetricsCapture;
import io.vireo.flink.testing.SyntheticChunks;
import io.vireo.ingest.record.VideoChunk;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Flink's harnesses and MockEnvironment declare close() throws Exception; try-with-resources is still right.
@SuppressWarnings("try")
class ChunkDecoderTest {

    private final MetricsCapture metrics = new MetricsCapture();
    private MockEnvironment environment;
    private KeyedOneInputStreamOperatorTestHarness<String, VideoChunk, DecodedFrame> harness;

    @BeforeEach
    void open() throws Exception {
        environment = metrics.environment();
        harness = harness(environment);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
        environment.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, VideoChunk, DecodedFrame> harness(
            MockEnvironment environment) throws Exception {
        return harness(environment, SamplingGrid.everyFrame());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, VideoChunk, DecodedFrame> harness(
            MockEnvironment environment, SamplingGrid sampling) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ChunkDecoder(1, sampling)),
                VideoChunk::streamId, Types.STRING, environment);
    }

    @Test
    void realChunksDecodeToEveryFrameWithRunningIndices() throws Exception {
        harness.processElement(SyntheticChunks.chunk("a", 0), 0);
        harness.processElement(SyntheticChunks.chunk("a", 1), 0);

        List<DecodedFrame> frames = harness.extractOutputValues();
        assertThat(frames).hasSize(2 * FRAMES_PER_CHUNK);
        assertThat(frames).extracting(DecodedFrame::frameIndex)
                .containsExactlyElementsOf(LongStream.range(0, 2 * FRAMES_PER_CHUNK).boxed().toList());
        assertThat(frames).extracting(DecodedFrame::ptsMicros).isSorted().doesNotHaveDuplicates();
        assertThat(frames).allSatisfy(f -> {
            assertThat(f.width()).isEqualTo(WIDTH);
            assertThat(f.height()).isEqualTo(HEIGHT);
            assertThat(f.bgr()).hasSize(WIDTH * HEIGHT * 3);
        });
        assertThat(metrics.count("framesDecoded")).isEqualTo(2 * FRAMES_PER_CHUNK);
        assertThat(metrics.count("chunksDecoded")).isEqualTo(2);
        assertThat(metrics.count("decodeErrors")).isZero();
    }

    @Test
    void corruptChunksAreReportedAndSkippedWhileTheStreamAndOthersContinue() throws Exception {
        byte[] noise = new byte[30_000];
        new Random(3).nextBytes(noise);
        VideoChunk a1 = SyntheticChunks.chunk("a", 1);
        VideoChunk b1 = SyntheticChunks.chunk("b", 1);

        harness.processElement(SyntheticChunks.chunk("a", 0), 0);
        harness.processElement(SyntheticChunks.withPayload(a1, noise), 0);
        harness.processElement(SyntheticChunks.chunk("b", 0), 0);
        harness.processElement(SyntheticChunks.withPayload(b1, Arrays.copyOf(b1.payload(), b1.payload().length / 2)), 0);
        harness.processElement(SyntheticChunks.chunk("a", 2), 0);
        harness.processElement(SyntheticChunks.chunk("b", 2), 0);

        List<DecodeError> errors = harness.getSideOutput(ChunkDecoder.DECODE_ERRORS).stream()
                .map(StreamRecord::getValue).toList();
        assertThat(errors).extracting(DecodeError::streamId, DecodeError::sequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 1L), org.assertj.core.groups.Tuple.tuple("b", 1L));
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).isNotBlank());
        assertThat(metrics.count("decodeErrors")).isEqualTo(2);

        // No frame of a broken chunk gets out; the chunk after it decodes in full, indices running on.
        for (String stream : List.of("a", "b")) {
            List<DecodedFrame> frames = harness.extractOutputValues().stream()
                    .filter(f -> f.streamId().equals(stream)).toList();
            assertThat(frames).extracting(DecodedFrame::chunkSequence).containsOnly(0L, 2L);
            assertThat(frames).hasSize(2 * FRAMES_PER_CHUNK);
            assertThat(frames).extracting(DecodedFrame::frameIndex)
                    .containsExactlyElementsOf(LongStream.range(0, 2 * FRAMES_PER_CHUNK).boxed().toList());
        }
    }

    /** Sampling happens in the decoder (so dropped frames are never converted); indices still count every frame. */
    @Test
    void keepsTheSampledFramesAcrossChunksAndSnapshots() throws Exception {
        // Three frame periods apart: every third frame, the grid running on across chunk boundaries.
        SamplingGrid everyThird = new SamplingGrid(3 * SyntheticChunks.FRAME_MICROS);
        OperatorSubtaskState snapshot;
        try (MockEnvironment env = metrics.environment(); var h = harness(env, everyThird)) {
            h.open();
            h.processElement(SyntheticChunks.chunk("a", 0), 0);
            snapshot = h.snapshot(1L, 1L);
            List<DecodedFrame> first = h.extractOutputValues();
            assertThat(first).extracting(DecodedFrame::frameIndex)
                    .containsExactlyElementsOf(LongStream.range(0, FRAMES_PER_CHUNK).filter(i -> i % 3 == 0).boxed().toList());
        }
        try (MockEnvironment env = metrics.environment(); var h = harness(env, everyThird)) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(SyntheticChunks.chunk("a", 1), 0);
            assertThat(h.extractOutputValues()).extracting(DecodedFrame::frameIndex)
                    .containsExactlyElementsOf(LongStream.range(FRAMES_PER_CHUNK, 2 * FRAMES_PER_CHUNK)
                            .filter(i -> i % 3 == 0).boxed().toList());
            assertThat(metrics.count("framesSampled")).isEqualTo(3);
            assertThat(metrics.count("framesDropped")).isEqualTo(FRAMES_PER_CHUNK - 3);
        }
    }

    @Test
    void rotation90SwapsWidthAndHeight() throws Exception {
        harness.processElement(SyntheticChunks.chunk("a", 0, 90), 0);

        assertThat(harness.extractOutputValues()).hasSize(FRAMES_PER_CHUNK).allSatisfy(f -> {
            assertThat(f.width()).isEqualTo(HEIGHT);
            assertThat(f.height()).isEqualTo(WIDTH);
        });
    }

    @Test
    void frameIndexSurvivesSnapshotAndRestore() throws Exception {
        harness.processElement(SyntheticChunks.chunk("a", 0), 0);
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        try (MockEnvironment env = metrics.environment()) {
            harness = harness(env);
            harness.initializeState(snapshot);
            harness.open();
            harness.processElement(SyntheticChunks.chunk("a", 1), 0);

            assertThat(harness.extractOutputValues()).extracting(DecodedFrame::frameIndex)
                    .containsExactlyElementsOf(LongStream.range(FRAMES_PER_CHUNK, 2 * FRAMES_PER_CHUNK).boxed().toList());
        }
    }
}
