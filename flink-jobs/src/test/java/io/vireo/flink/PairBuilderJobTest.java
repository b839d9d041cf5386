package io.vireo.flink;

import static io.vireo.flink.testing.SyntheticChunks.FRAME_MICROS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vireo.flink.record.ChunkGap;
import io.vireo.flink.record.DecodeError;
import io.vireo.flink.record.DecodedFrame;
import io.vireo.flink.record.RecordTypes;
import io.vireo.flink.testing.SyntheticChunks;
import io.vireo.ingest.record.VideoChunk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pipeline end to end on a MiniCluster, parallelism 2, with real chunks and real FFmpeg. */
class PairBuilderJobTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    @Test
    void shuffledChunksOfSeveralStreamsBecomeOrderedSampledFrames() throws Exception {
        List<VideoChunk> chunks = new ArrayList<>();
        for (long seq = 0; seq < 5; seq++) {
            chunks.add(SyntheticChunks.chunk("a", seq));
        }
        for (long seq : new long[] {0, 1, 3}) { // 2 never arrives
            chunks.add(SyntheticChunks.chunk("b", seq));
        }
        byte[] noise = new byte[10_000];
        new Random(5).nextBytes(noise);
        chunks.add(SyntheticChunks.chunk("c", 0));
        chunks.add(SyntheticChunks.withPayload(SyntheticChunks.chunk("c", 1), noise));
        chunks.add(SyntheticChunks.chunk("c", 2));
        chunks.add(SyntheticChunks.chunk("a", 1)); // a replayed duplicate
        Collections.shuffle(chunks, new Random(11));

        Configuration conf = new Configuration();
        // Any type falling back to Kryo fails the job instead of silently slowing it down.
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
        // A gap timeout far beyond the test's run time: b's gap must come out of the end-of-input flush.
        PairJobConfig config = PairJobConfig.DEFAULTS.withSampleFps(12.5).withGapTimeout(Duration.ofHours(1));

        PairBuilderJob.FrameStreams streams =
                PairBuilderJob.sampledFrames(env.fromData(chunks, RecordTypes.CHUNK), config);
        CloseableIterator<DecodedFrame> framesOut = streams.frames().collectAsync();
        CloseableIterator<ChunkGap> gapsOut = streams.gaps().collectAsync();
        CloseableIterator<DecodeError> errorsOut = streams.decodeErrors().collectAsync();
        JobClient job = env.executeAsync("pair-builder-frames-test");

        List<DecodedFrame> frames = drain(framesOut);
        List<ChunkGap> gaps = drain(gapsOut);
        List<DecodeError> errors = drain(errorsOut);
        job.getJobExecutionResult().get();

        Map<String, List<DecodedFrame>> byStream =
                frames.stream().collect(Collectors.groupingBy(DecodedFrame::streamId));
        // 25 fps sampled at 12.5 fps keeps every other frame of each chunk that got through.
        assertThat(byStream.get("a")).hasSize(5 * 5);
        assertThat(byStream.get("b")).hasSize(3 * 5);
        assertThat(byStream.get("c")).hasSize(2 * 5);
        byStream.forEach((stream, list) -> {
            assertThat(list).extracting(DecodedFrame::frameIndex).as(stream).isSorted().doesNotHaveDuplicates();
            assertThat(list).extracting(DecodedFrame::ptsMicros).as(stream).isSorted().doesNotHaveDuplicates();
            assertThat(list).extracting(DecodedFrame::chunkSequence).as(stream).isSorted();
            assertThat(list).allSatisfy(f -> assertThat(f.ptsMicros() % (2 * FRAME_MICROS)).isZero());
        });
        assertThat(byStream.get("b")).extracting(DecodedFrame::chunkSequence).containsOnly(0L, 1L, 3L);

        assertThat(gaps).singleElement().satisfies(gap -> {
            assertThat(gap.streamId()).isEqualTo("b");
            assertThat(gap.expectedSequence()).isEqualTo(2);
            assertThat(gap.resumedAtSequence()).isEqualTo(3);
            assertThat(gap.cause()).isEqualTo(ChunkGap.Cause.END_OF_INPUT);
        });
        assertThat(errors).extracting(DecodeError::streamId, DecodeError::sequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c", 1L));
    }

    private static <T> List<T> drain(CloseableIterator<T> iterator) throws Exception {
        try (iterator) {
            List<T> out = new ArrayList<>();
            iterator.forEachRemaining(out::add);
            return out;
        }
    }
}
