package io.vireo.flink;

import io.vireo.flink.decode.ChunkDecoder;
import io.vireo.flink.record.ChunkGap;
import io.vireo.flink.record.DecodeError;
import io.vireo.flink.record.DecodedFrame;
import io.vireo.flink.record.RecordTypes;
import io.vireo.flink.sample.FrameSampler;
import io.vireo.flink.sequence.ChunkSequencer;
import io.vireo.ingest.record.VideoChunk;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The PairBuilderJob's pipeline, as a chain of small named operators. So far: chunks to sampled
 * frames; shot cuts and pair building come next.
 *
 * <pre>
 *   chunks ─keyBy(stream)→ sequence-chunks ─→ decode-chunks ─→ sample-frames ─→ frames
 *                              └→ gaps            └→ decode errors
 * </pre>
 *
 * Only the first hop shuffles. The decoder and the sampler keep per-stream state, but their input
 * is already partitioned by stream id (same key, same parallelism, forward connection), so the
 * stream is re-interpreted as keyed instead of re-shuffled: decoded frames are far too big to send
 * over the network for nothing. Keep all three operators at one parallelism for that to hold.
 */
public final class PairBuilderJob {

    public static final String SEQUENCE_UID = "sequence-chunks";
    public static final String DECODE_UID = "decode-chunks";
    public static final String SAMPLE_UID = "sample-frames";

    private static final KeySelector<VideoChunk, String> CHUNK_STREAM = VideoChunk::streamId;
    private static final KeySelector<DecodedFrame, String> FRAME_STREAM = DecodedFrame::streamId;

    private PairBuilderJob() {
    }

    /** The sampled frames of every stream, plus what was lost on the way. */
    public record FrameStreams(DataStream<DecodedFrame> frames, DataStream<ChunkGap> gaps,
                               DataStream<DecodeError> decodeErrors) {
    }

    /** Sequences, decodes and samples the chunks of every stream. */
    public static FrameStreams sampledFrames(DataStream<VideoChunk> chunks, PairJobConfig config) {
        SingleOutputStreamOperator<VideoChunk> ordered = chunks
                .keyBy(CHUNK_STREAM, Types.STRING)
                .transform(SEQUENCE_UID, RecordTypes.CHUNK, ChunkSequencer.operator(config))
                .uid(SEQUENCE_UID);

        SingleOutputStreamOperator<DecodedFrame> decoded = DataStreamUtils
                .reinterpretAsKeyedStream(ordered, CHUNK_STREAM, Types.STRING)
                .process(new ChunkDecoder(config.decodeThreads()), RecordTypes.FRAME)
                .name(DECODE_UID).uid(DECODE_UID);

        SingleOutputStreamOperator<DecodedFrame> sampled = DataStreamUtils
                .reinterpretAsKeyedStream(decoded, FRAME_STREAM, Types.STRING)
                .process(new FrameSampler(config.sampleFps()), RecordTypes.FRAME)
                .name(SAMPLE_UID).uid(SAMPLE_UID);

        return new FrameStreams(sampled, ordered.getSideOutput(ChunkSequencer.GAPS),
                decoded.getSideOutput(ChunkDecoder.DECODE_ERRORS));
    }
}
