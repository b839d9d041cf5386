package io.vireo.flink;

import io.vireo.flink.decode.ChunkDecoder;
import io.vireo.flink.record.ChunkGap;
import io.vireo.flink.record.DecodeError;
import io.vireo.flink.record.DecodedFrame;
import io.vireo.flink.pairs.DeltaRange;
import io.vireo.flink.pairs.FramePairBuilder;
import io.vireo.flink.pairs.PairViews;
import io.vireo.flink.pairs.RegionPairBuilder;
import io.vireo.flink.record.RecordTypes;
import io.vireo.flink.record.ShotFrame;
import io.vireo.flink.shot.ShotCutDetector;
import io.vireo.ingest.record.PairRecord;
import io.vireo.tracking.proposal.ProposalConfig;
import io.vireo.tracking.track.TrackingPolicy;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import io.vireo.flink.sample.SamplingGrid;
import io.vireo.flink.sequence.ChunkSequencer;
import io.vireo.ingest.record.VideoChunk;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The PairBuilderJob's pipeline, as a chain of small named operators.
 *
 * <pre>
 *   chunks ─keyBy(stream)→ sequence-chunks ─→ decode-sample ─→ detect-shots ─┬→ frame-pairs  ─┐
 *                              └→ gaps            └→ decode errors            └→ region-pairs ─┴→ pairs
 * </pre>
 *
 * Only the first hop shuffles. The decoder and the sampler keep per-stream state, but their input
 * is already partitioned by stream id (same key, same parallelism, forward connection), so the
 * stream is re-interpreted as keyed instead of re-shuffled: decoded frames are far too big to send
 * over the network for nothing. Keep these operators at one parallelism for that to hold.
 * Decoding and sampling are one operator so that dropped frames are never converted to BGR.
 */
public final class PairBuilderJob {

    public static final String SEQUENCE_UID = "sequence-chunks";
    public static final String DECODE_UID = "decode-sample";
    public static final String SHOTS_UID = "detect-shots";
    public static final String FRAME_PAIRS_UID = "frame-pairs";
    public static final String REGION_PAIRS_UID = "region-pairs";

    private static final KeySelector<VideoChunk, String> CHUNK_STREAM = VideoChunk::streamId;
    private static final KeySelector<DecodedFrame, String> FRAME_STREAM = DecodedFrame::streamId;
    private static final KeySelector<ShotFrame, String> SHOT_STREAM = ShotFrame::streamId;

    private PairBuilderJob() {
    }

    /** The sampled frames of every stream, plus what was lost on the way. */
    public record FrameStreams(DataStream<DecodedFrame> frames, DataStream<ChunkGap> gaps,
                               DataStream<DecodeError> decodeErrors) {
    }

    /** The pairs of every stream, plus what was lost on the way. */
    public record PairStreams(DataStream<PairRecord> pairs, DataStream<ChunkGap> gaps,
                              DataStream<DecodeError> decodeErrors) {
    }

    /**
     * The whole pipeline: {@link #sampledFrames}, shot cuts, then one pair builder per configured
     * kind, their outputs merged. Adding a pair kind is adding one entry to {@link #pairBuilder}.
     */
    public static PairStreams pairs(DataStream<VideoChunk> chunks, PairJobConfig config) {
        FrameStreams frames = sampledFrames(chunks, config);
        SingleOutputStreamOperator<ShotFrame> shots = DataStreamUtils
                .reinterpretAsKeyedStream(frames.frames(), FRAME_STREAM, Types.STRING)
                .process(new ShotCutDetector(config.shotCutThreshold()), RecordTypes.SHOT_FRAME)
                .name(SHOTS_UID).uid(SHOTS_UID);
        KeyedStream<ShotFrame, String> keyedShots =
                DataStreamUtils.reinterpretAsKeyedStream(shots, SHOT_STREAM, Types.STRING);

        DataStream<PairRecord> pairs = null;
        // Enum order, not set order, so the job graph (and its uids) is the same for the same kinds.
        for (PairRecord.Kind kind : PairRecord.Kind.values()) {
            if (!config.pairKinds().contains(kind)) {
                continue;
            }
            String uid = kind == PairRecord.Kind.FRAME ? FRAME_PAIRS_UID : REGION_PAIRS_UID;
            DataStream<PairRecord> built = keyedShots.process(pairBuilder(kind, config), RecordTypes.PAIR)
                    .name(uid).uid(uid);
            pairs = pairs == null ? built : pairs.union(built);
        }
        return new PairStreams(pairs, frames.gaps(), frames.decodeErrors());
    }

    /** The operator that builds pairs of one kind from a stream's shot-tagged frames. */
    static KeyedProcessFunction<String, ShotFrame, PairRecord> pairBuilder(PairRecord.Kind kind, PairJobConfig config) {
        DeltaRange deltas = new DeltaRange(config.minDelta().toNanos() / 1000, config.maxDelta().toNanos() / 1000,
                config.seed());
        PairViews views = new PairViews(config.viewSize());
        return switch (kind) {
            case FRAME -> new FramePairBuilder(deltas, views);
            case REGION -> new RegionPairBuilder(deltas, views, config.tracker(), proposals(config),
                    TrackingPolicy.defaults().withMinRedetectionIou(config.minRedetectionIou()), config.regionAnchorInterval());
        };
    }

    static ProposalConfig proposals(PairJobConfig config) {
        return ProposalConfig.defaults()
                .withMaxProposals(config.proposalsPerFrame())
                .withMinSide(config.proposalMinSide())
                .withMaxAreaFraction(config.proposalMaxArea())
                .withMaxAspectRatio(config.proposalMaxAspect())
                .withMinTexturedShare(config.proposalMinTextured());
    }

    /** Sequences, decodes and samples the chunks of every stream. */
    public static FrameStreams sampledFrames(DataStream<VideoChunk> chunks, PairJobConfig config) {
        SingleOutputStreamOperator<VideoChunk> ordered = chunks
                .keyBy(CHUNK_STREAM, Types.STRING)
                .transform(SEQUENCE_UID, RecordTypes.CHUNK, ChunkSequencer.operator(config))
                .uid(SEQUENCE_UID);

        SingleOutputStreamOperator<DecodedFrame> decoded = DataStreamUtils
                .reinterpretAsKeyedStream(ordered, CHUNK_STREAM, Types.STRING)
                .process(new ChunkDecoder(config.decodeThreads(), SamplingGrid.fps(config.sampleFps())), RecordTypes.FRAME)
                .name(DECODE_UID).uid(DECODE_UID);

        return new FrameStreams(decoded, ordered.getSideOutput(ChunkSequencer.GAPS),
                decoded.getSideOutput(ChunkDecoder.DECODE_ERRORS));
    }
}
