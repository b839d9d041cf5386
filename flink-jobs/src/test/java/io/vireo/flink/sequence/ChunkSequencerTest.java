package io.vireo.flink.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vireo.flink.PairJobConfig;
import io.vireo.flink.record.ChunkGap;
import io.vireo.flink.testing.MetricsCapture;
import io.vireo.flink.testing.SyntheticChunks;
import io.vireo.ingest.record.VideoChunk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// Flink's harnesses and MockEnvironment declare close() throws Exception; try-with-resources is still right.
@SuppressWarnings("try")
class ChunkSequencerTest {

    private static final long GAP_MS = 1_000;
    private static final long IDLE_MS = 10_000;
    private static final PairJobConfig CONFIG = PairJobConfig.DEFAULTS
            .withGapTimeout(Duration.ofMillis(GAP_MS))
            .withInactivityTimeout(Duration.ofMillis(IDLE_MS))
            .withMaxPendingChunks(5);

    private final MetricsCapture metrics = new MetricsCapture();
    private MockEnvironment environment;
    private KeyedOneInputStreamOperatorTestHarness<String, VideoChunk, VideoChunk> harness;

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

    private static KeyedOneInputStreamOperatorTestHarness<String, VideoChunk, VideoChunk> harness(
            MockEnvironment environment) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(ChunkSequencer.operator(CONFIG), VideoChunk::streamId,
                Types.STRING, environment);
    }

    @Test
    void shuffledChunksComeOutInOrderPerStream() throws Exception {
        List<VideoChunk> input = new ArrayList<>();
        for (long seq = 0; seq < 5; seq++) {
            input.add(SyntheticChunks.stub("a", seq));
            input.add(SyntheticChunks.stub("b", seq));
        }
        Collections.shuffle(input, new Random(42));

        for (VideoChunk chunk : input) {
            harness.processElement(chunk, 0);
        }

        assertThat(sequencesOf("a")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(sequencesOf("b")).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(gaps()).isEmpty();
        // Nothing waits, so no gap timer; only the two streams' inactivity timers.
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(2);
    }

    @Test
    void persistentGapIsReportedAfterTheTimeoutAndLaterChunksFlow() throws Exception {
        harness.setProcessingTime(0);
        harness.processElement(SyntheticChunks.stub("a", 0), 0);
        harness.processElement(SyntheticChunks.stub("a", 3), 0);
        harness.processElement(SyntheticChunks.stub("a", 4), 0);
        harness.processElement(SyntheticChunks.stub("b", 1), 0);
        harness.processElement(SyntheticChunks.stub("b", 0), 0);

        harness.setProcessingTime(GAP_MS - 1);
        assertThat(sequencesOf("a")).containsExactly(0L);
        assertThat(gaps()).isEmpty();

        harness.setProcessingTime(GAP_MS);
        assertThat(sequencesOf("a")).containsExactly(0L, 3L, 4L);
        assertThat(gaps()).containsExactly(new ChunkGap("a", 1, 3, ChunkGap.Cause.TIMEOUT, GAP_MS));
        assertThat(metrics.count("chunkGaps")).isEqualTo(1);
        assertThat(metrics.count("missingChunks")).isEqualTo(2);

        // The stream carries on from the resume point; a straggler from the hole is a duplicate now.
        harness.processElement(SyntheticChunks.stub("a", 5), 0);
        harness.processElement(SyntheticChunks.stub("a", 2), 0);
        assertThat(sequencesOf("a")).containsExactly(0L, 3L, 4L, 5L);
        assertThat(sequencesOf("b")).containsExactly(0L, 1L);
        assertThat(metrics.count("duplicateChunks")).isEqualTo(1);
    }

    @Test
    void gapTimeoutRestartsWhenTheStreamMakesProgress() throws Exception {
        harness.setProcessingTime(0);
        harness.processElement(SyntheticChunks.stub("a", 1), 0);
        harness.processElement(SyntheticChunks.stub("a", 3), 0);
        harness.setProcessingTime(GAP_MS / 2);
        harness.processElement(SyntheticChunks.stub("a", 0), 0); // fills the first hole: 0, 1 flow

        harness.setProcessingTime(GAP_MS);
        assertThat(gaps()).isEmpty();
        harness.setProcessingTime(GAP_MS / 2 + GAP_MS);
        assertThat(gaps()).containsExactly(new ChunkGap("a", 2, 3, ChunkGap.Cause.TIMEOUT, GAP_MS / 2 + GAP_MS));
        assertThat(sequencesOf("a")).containsExactly(0L, 1L, 3L);
    }

    @Test
    void duplicatesAreDroppedAndCounted() throws Exception {
        harness.processElement(SyntheticChunks.stub("a", 0), 0);
        harness.processElement(SyntheticChunks.stub("a", 1), 0);
        harness.processElement(SyntheticChunks.stub("a", 3), 0);
        harness.processElement(SyntheticChunks.stub("a", 0), 0); // already emitted
        harness.processElement(SyntheticChunks.stub("a", 3), 0); // already waiting
        harness.processElement(SyntheticChunks.stub("a", 2), 0);

        assertThat(sequencesOf("a")).containsExactly(0L, 1L, 2L, 3L);
        assertThat(metrics.count("duplicateChunks")).isEqualTo(2);
        assertThat(gaps()).isEmpty();
    }

    @Test
    void backlogBeyondTheLimitSkipsTheGapWithoutWaiting() throws Exception {
        for (long seq = 1; seq <= 6; seq++) { // 6 waiting > limit 5
            harness.processElement(SyntheticChunks.stub("a", seq), 0);
        }

        assertThat(gaps()).containsExactly(new ChunkGap("a", 0, 1, ChunkGap.Cause.BACKLOG, 0));
        assertThat(sequencesOf("a")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void inactivityFlushWaitsUntilTheStreamIsQuietForTheWholeTimeout() throws Exception {
        PairJobConfig patientGaps = CONFIG.withGapTimeout(Duration.ofMillis(IDLE_MS * 10));
        try (MockEnvironment env = metrics.environment();
             var h = new KeyedOneInputStreamOperatorTestHarness<>(ChunkSequencer.operator(patientGaps),
                     VideoChunk::streamId, Types.STRING, env)) {
            h.open();
            h.setProcessingTime(0);
            h.processElement(SyntheticChunks.stub("a", 2), 0);
            h.setProcessingTime(5_000);
            h.processElement(SyntheticChunks.stub("a", 3), 0);

            // The first inactivity deadline finds a chunk 5 s old: the stream is alive, wait on.
            h.setProcessingTime(IDLE_MS);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(metrics.count("inactivityFlushes")).isZero();

            h.setProcessingTime(5_000 + IDLE_MS);
            assertThat(h.extractOutputValues()).extracting(VideoChunk::sequence).containsExactly(2L, 3L);
            assertThat(h.getSideOutput(ChunkSequencer.GAPS)).extracting(StreamRecord::getValue).containsExactly(
                    new ChunkGap("a", 0, 2, ChunkGap.Cause.INACTIVITY, 5_000 + IDLE_MS));
            assertThat(metrics.count("inactivityFlushes")).isEqualTo(1);
        }
    }

    @Test
    void inactivityFlushEmitsEverythingPendingBeforeTheGapTimeout() throws Exception {
        PairJobConfig quickIdle = CONFIG.withGapTimeout(Duration.ofMillis(IDLE_MS * 10));
        try (MockEnvironment env = metrics.environment();
             var h = new KeyedOneInputStreamOperatorTestHarness<>(ChunkSequencer.operator(quickIdle),
                     VideoChunk::streamId, Types.STRING, env)) {
            h.open();
            h.setProcessingTime(0);
            h.processElement(SyntheticChunks.stub("a", 2), 0);
            h.processElement(SyntheticChunks.stub("a", 5), 0);
            h.processElement(SyntheticChunks.stub("a", 6), 0);

            h.setProcessingTime(IDLE_MS);

            assertThat(h.extractOutputValues()).extracting(VideoChunk::sequence).containsExactly(2L, 5L, 6L);
            assertThat(h.getSideOutput(ChunkSequencer.GAPS)).extracting(StreamRecord::getValue).containsExactly(
                    new ChunkGap("a", 0, 2, ChunkGap.Cause.INACTIVITY, IDLE_MS),
                    new ChunkGap("a", 3, 5, ChunkGap.Cause.INACTIVITY, IDLE_MS));
            // Everything flushed: no gap timer left, the next chunk of the stream is simply next.
            assertThat(h.numProcessingTimeTimers()).isZero();
            h.processElement(SyntheticChunks.stub("a", 7), 0);
            h.processElement(SyntheticChunks.stub("a", 6), 0);
            assertThat(h.extractOutputValues()).extracting(VideoChunk::sequence).containsExactly(2L, 5L, 6L, 7L);
        }
    }

    @Test
    void endOfInputFlushesEveryStream() throws Exception {
        harness.processElement(SyntheticChunks.stub("a", 0), 0);
        harness.processElement(SyntheticChunks.stub("a", 2), 0);
        harness.processElement(SyntheticChunks.stub("b", 1), 0);

        harness.endInput();

        assertThat(sequencesOf("a")).containsExactly(0L, 2L);
        assertThat(sequencesOf("b")).containsExactly(1L);
        assertThat(gaps()).extracting(ChunkGap::streamId, ChunkGap::cause).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("a", ChunkGap.Cause.END_OF_INPUT),
                org.assertj.core.groups.Tuple.tuple("b", ChunkGap.Cause.END_OF_INPUT));
    }

    @Test
    void pendingChunksAndTimersSurviveSnapshotAndRestore() throws Exception {
        VideoChunk a3 = SyntheticChunks.chunk("a", 3); // a real payload, to restore byte for byte
        harness.setProcessingTime(0);
        harness.processElement(SyntheticChunks.stub("a", 0), 0);
        harness.processElement(SyntheticChunks.stub("a", 2), 0);
        harness.processElement(a3, 0);
        harness.processElement(SyntheticChunks.stub("b", 1), 0);

        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        try (MockEnvironment env = metrics.environment()) {
            harness = harness(env);
            harness.setProcessingTime(0);
            harness.initializeState(snapshot);
            harness.open();

            harness.processElement(SyntheticChunks.stub("a", 1), 0);
            harness.processElement(SyntheticChunks.stub("a", 0), 0); // emitted before the snapshot
            assertThat(harness.extractOutputValues()).extracting(VideoChunk::sequence).containsExactly(1L, 2L, 3L);
            assertThat(harness.extractOutputValues().get(2)).isEqualTo(a3);
            assertThat(metrics.count("duplicateChunks")).isEqualTo(1);

            // The restored gap timer of "b" still fires.
            harness.setProcessingTime(GAP_MS);
            assertThat(gaps()).containsExactly(new ChunkGap("b", 0, 1, ChunkGap.Cause.TIMEOUT, GAP_MS));
        }
    }

    private List<Long> sequencesOf(String stream) {
        return harness.extractOutputValues().stream()
                .filter(c -> c.streamId().equals(stream))
                .map(VideoChunk::sequence)
                .toList();
    }

    private List<ChunkGap> gaps() {
        return harness.getSideOutput(ChunkSequencer.GAPS) == null ? List.of()
                : harness.getSideOutput(ChunkSequencer.GAPS).stream().map(StreamRecord::getValue).toList();
    }
}
