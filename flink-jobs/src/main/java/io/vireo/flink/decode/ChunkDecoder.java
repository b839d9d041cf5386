package io.vireo.flink.decode;

import io.vireo.flink.record.DecodeError;
import io.vireo.flink.record.DecodedFrame;
import io.vireo.flink.record.RecordTypes;
import io.vireo.ingest.record.VideoChunk;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes sequenced chunks into {@link DecodedFrame}s. Keyed by stream id, downstream of the
 * {@code ChunkSequencer}, so each stream's chunks arrive in order.
 *
 * <p>Keyed because a frame's index in its stream is a running count that has to survive
 * restarts: it lives in keyed state, not in a field. A chunk that cannot be decoded is reported
 * on {@link #DECODE_ERRORS}, counted, and skipped; the next chunk of the same stream, and every
 * other stream, decode as usual. Bad input is data, not a reason to fail the job.
 */
public class ChunkDecoder extends KeyedProcessFunction<String, VideoChunk, DecodedFrame> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ChunkDecoder.class);

    public static final OutputTag<DecodeError> DECODE_ERRORS = new OutputTag<>("decode-errors", RecordTypes.DECODE_ERROR);

    private final int decodeThreads;

    /** Index the stream's next decoded frame gets; absent before its first frame. */
    private transient ValueState<Long> nextFrameIndex;
    private transient SegmentDecoder decoder;

    private transient Counter framesDecoded;
    private transient Meter framesPerSecond;
    private transient Counter chunksDecoded;
    private transient Counter decodeErrors;

    /** @param decodeThreads FFmpeg threads per chunk decode */
    public ChunkDecoder(int decodeThreads) {
        if (decodeThreads < 1) {
            throw new IllegalArgumentException("decodeThreads must be >= 1, got " + decodeThreads);
        }
        this.decodeThreads = decodeThreads;
    }

    @Override
    public void open(OpenContext openContext) {
        nextFrameIndex = getRuntimeContext().getState(new ValueStateDescriptor<>("next-frame-index", Types.LONG));
        decoder = new SegmentDecoder(decodeThreads);

        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        framesDecoded = metrics.counter("framesDecoded");
        framesPerSecond = metrics.meter("framesDecodedPerSecond", new MeterView(framesDecoded));
        chunksDecoded = metrics.counter("chunksDecoded");
        decodeErrors = metrics.counter("decodeErrors");
    }

    @Override
    public void processElement(VideoChunk chunk, Context ctx, Collector<DecodedFrame> out) throws Exception {
        Long stored = nextFrameIndex.value();
        long first = stored == null ? 0L : stored;
        List<DecodedFrame> frames;
        try {
            frames = decoder.decode(chunk, first);
        } catch (ChunkDecodeException e) {
            decodeErrors.inc();
            LOG.warn("Skipping chunk {}#{}: {}", chunk.streamId(), chunk.sequence(), e.getMessage());
            ctx.output(DECODE_ERRORS, new DecodeError(chunk.streamId(), chunk.sequence(), e.getMessage()));
            return;
        }
        for (DecodedFrame frame : frames) {
            out.collect(frame);
        }
        nextFrameIndex.update(first + frames.size());
        chunksDecoded.inc();
        framesDecoded.inc(frames.size());
    }
}
