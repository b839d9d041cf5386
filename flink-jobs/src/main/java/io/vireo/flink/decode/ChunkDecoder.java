package io.vireo.flink.decode;

import io.vireo.flink.record.DecodeError;
import io.vireo.flink.record.DecodedFrame;
import io.vireo.flink.record.RecordTypes;
import io.vireo.ingest.record.VideoChunk;
import io.vireo.flink.sample.SamplingGrid;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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
 * Decodes sequenced chunks and keeps the frames a {@link SamplingGrid} picks, as
 * {@link DecodedFrame}s. Keyed by stream id, downstream of the {@code ChunkSequencer}, so each
 * stream's chunks arrive in order.
 *
 * <p>Decoding and sampling are one operator because sampling decides which pictures are worth
 * converting to BGR at all: conversion (with the copy into a Java array) costs about half as much
 * CPU as decoding, and the sampler usually keeps a third of the frames or fewer; and because
 * knowing the grid lets the decoder convert those frames while it is still decoding the chunk,
 * where the conversion costs no wall time. Sampling itself is {@link SamplingGrid}, a pure rule.
 *
 * <p>Keyed because a frame's index in its stream (a running count of decoded frames) and the
 * stream's place on the sampling grid have to survive restarts: they live in keyed state, not in
 * fields. Each stream gets its own FFmpeg decoder, kept open across its chunks (the least recently
 * used are closed beyond {@link #MAX_OPEN_DECODERS}); decoders hold no state worth checkpointing,
 * as every chunk starts at a keyframe. A chunk that cannot be decoded is reported on
 * {@link #DECODE_ERRORS}, counted, and skipped; the next chunk of the same stream, and every other
 * stream, decode as usual. Bad input is data, not a reason to fail the job.
 */
public class ChunkDecoder extends KeyedProcessFunction<String, VideoChunk, DecodedFrame> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ChunkDecoder.class);
    /** Open decoders per subtask; each holds its threads and a few frames of buffers. */
    static final int MAX_OPEN_DECODERS = 16;

    public static final OutputTag<DecodeError> DECODE_ERRORS = new OutputTag<>("decode-errors", RecordTypes.DECODE_ERROR);

    private final int decodeThreads;
    private final SamplingGrid sampling;

    /** Index the stream's next decoded frame gets; absent before its first frame. */
    private transient ValueState<Long> nextFrameIndex;
    /** The stream's {@link SamplingGrid.Position}, as its two fields; absent before its first kept frame. */
    private transient ValueState<Long> nextTickMicros;
    private transient ValueState<Long> lastKeptMicros;
    private transient Map<String, SegmentDecoder> decoders;

    private transient Counter framesDecoded;
    private transient Meter framesPerSecond;
    private transient Counter chunksDecoded;
    private transient Counter decodeErrors;
    private transient Counter framesSampled;
    private transient Counter framesDropped;

    /**
     * @param decodeThreads FFmpeg threads per stream's decoder
     * @param sampling      which decoded frames to emit
     */
    public ChunkDecoder(int decodeThreads, SamplingGrid sampling) {
        if (decodeThreads < 1) {
            throw new IllegalArgumentException("decodeThreads must be >= 1, got " + decodeThreads);
        }
        this.decodeThreads = decodeThreads;
        this.sampling = Objects.requireNonNull(sampling, "sampling");
    }

    @Override
    public void open(OpenContext openContext) {
        nextFrameIndex = getRuntimeContext().getState(new ValueStateDescriptor<>("next-frame-index", Types.LONG));
        nextTickMicros = getRuntimeContext().getState(new ValueStateDescriptor<>("next-tick-us", Types.LONG));
        lastKeptMicros = getRuntimeContext().getState(new ValueStateDescriptor<>("last-kept-us", Types.LONG));
        decoders = new LinkedHashMap<>(MAX_OPEN_DECODERS, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SegmentDecoder> eldest) {
                boolean evict = size() > MAX_OPEN_DECODERS;
                if (evict) {
                    eldest.getValue().close();
                }
                return evict;
            }
        };

        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        framesDecoded = metrics.counter("framesDecoded");
        framesPerSecond = metrics.meter("framesDecodedPerSecond", new MeterView(framesDecoded));
        chunksDecoded = metrics.counter("chunksDecoded");
        decodeErrors = metrics.counter("decodeErrors");
        framesSampled = metrics.counter("framesSampled");
        framesDropped = metrics.counter("framesDropped");
    }

    @Override
    public void processElement(VideoChunk chunk, Context ctx, Collector<DecodedFrame> out) throws Exception {
        Long stored = nextFrameIndex.value();
        long first = stored == null ? 0L : stored;
        SegmentDecoder decoder = decoders.computeIfAbsent(chunk.streamId(), id -> new SegmentDecoder(decodeThreads));
        SamplingGrid.Position start = nextTickMicros.value() == null ? null
                : new SamplingGrid.Position(nextTickMicros.value(), lastKeptMicros.value());
        // The decoder converts what the grid will likely keep while it decodes; the decisions that
        // count are made below, on the final times.
        try (DecodedPictures pictures = decoder.decode(chunk, sampling.runningFrom(start))) {
            SamplingGrid.Position position = start;
            for (int i = 0; i < pictures.count(); i++) {
                SamplingGrid.Position after = sampling.keep(position, pictures.ptsMicros(i));
                if (after == null) {
                    framesDropped.inc();
                    continue;
                }
                position = after;
                framesSampled.inc();
                out.collect(pictures.frame(chunk, first + i, i));
            }
            if (position != null) {
                nextTickMicros.update(position.nextTickMicros());
                lastKeptMicros.update(position.lastKeptMicros());
            }
            nextFrameIndex.update(first + pictures.count());
            chunksDecoded.inc();
            framesDecoded.inc(pictures.count());
        } catch (ChunkDecodeException e) {
            decodeErrors.inc();
            LOG.warn("Skipping chunk {}#{}: {}", chunk.streamId(), chunk.sequence(), e.getMessage());
            ctx.output(DECODE_ERRORS, new DecodeError(chunk.streamId(), chunk.sequence(), e.getMessage()));
        }
    }

    @Override
    public void close() throws Exception {
        if (decoders != null) {
            decoders.values().forEach(SegmentDecoder::close);
            decoders.clear();
        }
        super.close();
    }
}
