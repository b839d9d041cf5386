package io.vireo.flink.sequence;

import io.vireo.flink.PairJobConfig;
import io.vireo.flink.record.ChunkGap;
import io.vireo.flink.record.RecordTypes;
import io.vireo.ingest.record.VideoChunk;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Puts the chunks of each stream back in sequence order. Keyed by stream id.
 *
 * <p>Kafka keeps a partition's order, but re-ingests, producer retries and replays still deliver
 * chunks late, twice, or not at all; the decoder needs them in order because frame indices and
 * presentation times of a stream must only move forward. Chunks are numbered from 0 (the chunk
 * contract), so the first expected sequence is 0.
 *
 * <ul>
 *   <li>A chunk at the expected sequence is emitted at once, with any queued successors.</li>
 *   <li>A later chunk waits in keyed state. If the head of the line stays missing for the gap
 *       timeout (counted from the last progress of the stream), the gap is reported on {@link #GAPS}
 *       and the stream resumes at the lowest waiting chunk. The same happens at once when more than
 *       {@code max-pending-chunks} wait, to bound state size.</li>
 *   <li>A chunk below the expected sequence, or one already waiting, is a duplicate: dropped and
 *       counted.</li>
 *   <li>A stream without a new chunk for the inactivity timeout is flushed: its waiting chunks are
 *       emitted in order, with their gaps reported. Its next expected sequence is kept, so a late
 *       replay is still recognised as duplicate.</li>
 * </ul>
 *
 * <p>Timers are processing-time: waiting is about wall-clock delivery, not about event time.
 * Processing-time timers do not fire at the end of a bounded input, so run this function through
 * {@link #operator} (as the job does), which flushes every stream at end of input.
 */
public class ChunkSequencer extends KeyedProcessFunction<String, VideoChunk, VideoChunk> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<ChunkGap> GAPS = new OutputTag<>("chunk-gaps", RecordTypes.GAP);

    /** Name of the pending-chunks state; the end-of-input flush enumerates streams through it. */
    static final String PENDING_STATE = "pending-chunks";

    private final long gapTimeoutMillis;
    private final long inactivityTimeoutMillis;
    private final int maxPendingChunks;

    /** Chunks that arrived ahead of the expected sequence, by sequence number. */
    private transient MapState<Long, VideoChunk> pending;
    /** MapState has no size; kept alongside so the backlog check does not iterate. */
    private transient ValueState<Integer> pendingCount;
    /** The sequence number to emit next; absent until the stream's first chunk. */
    private transient ValueState<Long> nextSequence;
    /** Deadline of the registered gap timer, absent when the stream is not blocked. */
    private transient ValueState<Long> gapDeadline;
    /** Deadline of the registered inactivity timer, absent when none is registered. */
    private transient ValueState<Long> inactivityDeadline;
    /** Processing time of the stream's latest chunk. */
    private transient ValueState<Long> lastArrival;

    private transient Counter gaps;
    private transient Counter missingChunks;
    private transient Counter duplicates;
    private transient Counter flushes;

    public ChunkSequencer(PairJobConfig config) {
        this.gapTimeoutMillis = config.gapTimeout().toMillis();
        this.inactivityTimeoutMillis = config.inactivityTimeout().toMillis();
        this.maxPendingChunks = config.maxPendingChunks();
    }

    /** This function in an operator that also flushes every stream when a bounded input ends. */
    public static ChunkSequencerOperator operator(PairJobConfig config) {
        return new ChunkSequencerOperator(new ChunkSequencer(config));
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>(PENDING_STATE, Types.LONG, RecordTypes.CHUNK));
        pendingCount = getRuntimeContext().getState(new ValueStateDescriptor<>("pending-count", Types.INT));
        nextSequence = getRuntimeContext().getState(new ValueStateDescriptor<>("next-sequence", Types.LONG));
        gapDeadline = getRuntimeContext().getState(new ValueStateDescriptor<>("gap-deadline", Types.LONG));
        inactivityDeadline = getRuntimeContext().getState(new ValueStateDescriptor<>("inactivity-deadline", Types.LONG));
        lastArrival = getRuntimeContext().getState(new ValueStateDescriptor<>("last-arrival", Types.LONG));

        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        gaps = metrics.counter("chunkGaps");
        missingChunks = metrics.counter("missingChunks");
        duplicates = metrics.counter("duplicateChunks");
        flushes = metrics.counter("inactivityFlushes");
    }

    @Override
    public void processElement(VideoChunk chunk, Context ctx, Collector<VideoChunk> out) throws Exception {
        TimerService timers = ctx.timerService();
        long now = timers.currentProcessingTime();
        lastArrival.update(now);
        // One inactivity timer per stream, re-armed lazily when it fires: cheaper than moving a
        // timer on every chunk.
        if (inactivityDeadline.value() == null) {
            armInactivityTimer(timers, now + inactivityTimeoutMillis);
        }

        long expected = expected();
        long seq = chunk.sequence();
        if (seq < expected || pending.contains(seq)) {
            duplicates.inc();
            return;
        }
        pending.put(seq, chunk);
        setPendingCount(pendingCount() + 1);

        long resumed = drain(expected, out);
        Consumer<ChunkGap> gapOut = gap -> ctx.output(GAPS, gap);
        while (pendingCount() > maxPendingChunks) {
            resumed = skipGap(chunk.streamId(), resumed, ChunkGap.Cause.BACKLOG, now, out, gapOut);
        }
        updateGapTimer(timers, now, resumed != expected);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<VideoChunk> out) throws Exception {
        // Both timers are processing-time; tell them apart by the deadlines kept in state. A timer
        // whose deadline is no longer in state is stale (its reason went away) and does nothing.
        TimerService timers = ctx.timerService();
        Consumer<ChunkGap> gapOut = gap -> ctx.output(GAPS, gap);
        if (Long.valueOf(timestamp).equals(gapDeadline.value())) {
            gapDeadline.clear();
            if (pendingCount() > 0) {
                skipGap(ctx.getCurrentKey(), expected(), ChunkGap.Cause.TIMEOUT, timestamp, out, gapOut);
            }
            updateGapTimer(timers, timestamp, true);
        }
        if (Long.valueOf(timestamp).equals(inactivityDeadline.value())) {
            inactivityDeadline.clear();
            Long idleSince = lastArrival.value();
            if (idleSince != null && timestamp - idleSince < inactivityTimeoutMillis) {
                armInactivityTimer(timers, idleSince + inactivityTimeoutMillis);
            } else {
                flush(ctx.getCurrentKey(), ChunkGap.Cause.INACTIVITY, timestamp, out, gapOut);
                Long deadline = gapDeadline.value();
                if (deadline != null) {
                    timers.deleteProcessingTimeTimer(deadline);
                    gapDeadline.clear();
                }
            }
        }
    }

    /**
     * Emits everything the current stream has waiting, in order, reporting the gaps between.
     * Called by {@link ChunkSequencerOperator} at end of input with the stream set as current key;
     * timers are left alone there, as the operator is finishing and its timers never fire.
     */
    void flushAtEndOfInput(String streamId, long now, Collector<VideoChunk> out, Consumer<ChunkGap> gapOut)
            throws Exception {
        flush(streamId, ChunkGap.Cause.END_OF_INPUT, now, out, gapOut);
        gapDeadline.clear();
        inactivityDeadline.clear();
    }

    private void flush(String streamId, ChunkGap.Cause cause, long now, Collector<VideoChunk> out,
                       Consumer<ChunkGap> gapOut) throws Exception {
        if (pendingCount() > 0) {
            flushes.inc();
        }
        long next = expected();
        while (pendingCount() > 0) {
            next = skipGap(streamId, next, cause, now, out, gapOut);
        }
        lastArrival.clear();
    }

    /** Emits the run of chunks starting at {@code from}; returns the sequence expected after it. */
    private long drain(long from, Collector<VideoChunk> out) throws Exception {
        long next = from;
        int count = pendingCount();
        VideoChunk chunk;
        while ((chunk = pending.get(next)) != null) {
            out.collect(chunk);
            pending.remove(next);
            count--;
            next++;
        }
        setPendingCount(count);
        nextSequence.update(next);
        return next;
    }

    /**
     * Gives up on the chunks from {@code expected} up to the lowest waiting one, reports the hole
     * and emits from there; returns the sequence expected afterwards. Needs a waiting chunk.
     */
    private long skipGap(String streamId, long expected, ChunkGap.Cause cause, long now, Collector<VideoChunk> out,
                         Consumer<ChunkGap> gapOut) throws Exception {
        long lowest = Long.MAX_VALUE;
        // Pending holds at most max-pending-chunks entries, so a scan is cheap and needs no sorted state.
        for (Long seq : pending.keys()) {
            lowest = Math.min(lowest, seq);
        }
        if (lowest > expected) {
            ChunkGap gap = new ChunkGap(streamId, expected, lowest, cause, now);
            gaps.inc();
            missingChunks.inc(gap.missingChunks());
            gapOut.accept(gap);
        }
        return drain(lowest, out);
    }

    /**
     * Keeps one gap timer while chunks wait. The timeout restarts whenever the stream makes
     * progress, so it measures how long the head of the line has been stuck, not how old the
     * first gap is.
     */
    private void updateGapTimer(TimerService timers, long now, boolean progressed) throws Exception {
        Long deadline = gapDeadline.value();
        boolean blocked = pendingCount() > 0;
        if (deadline != null && (!blocked || progressed)) {
            timers.deleteProcessingTimeTimer(deadline);
            gapDeadline.clear();
            deadline = null;
        }
        if (blocked && deadline == null) {
            long at = now + gapTimeoutMillis;
            timers.registerProcessingTimeTimer(at);
            gapDeadline.update(at);
        }
    }

    private void armInactivityTimer(TimerService timers, long at) throws Exception {
        timers.registerProcessingTimeTimer(at);
        inactivityDeadline.update(at);
    }

    private long expected() throws Exception {
        Long next = nextSequence.value();
        return next == null ? 0L : next;
    }

    private int pendingCount() throws Exception {
        Integer n = pendingCount.value();
        return n == null ? 0 : n;
    }

    private void setPendingCount(int n) throws Exception {
        if (n == 0) {
            pendingCount.clear();
        } else {
            pendingCount.update(n);
        }
    }
}
