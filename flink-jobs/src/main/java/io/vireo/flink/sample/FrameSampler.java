package io.vireo.flink.sample;

import io.vireo.flink.record.DecodedFrame;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Thins each stream to a target frame rate by presentation time. Keyed by stream id.
 *
 * <p>Keeps the first frame, then the first frame at or after each tick of a grid spaced
 * {@code 1 / fps} apart and anchored on that first frame. Anchoring on the grid rather than on
 * the last kept frame keeps the output rate exact when source timestamps jitter (29.97 fps, VFR,
 * rounding to 90 kHz ticks), and a hole in the stream (a skipped chunk) does not shift later
 * picks. Time rather than "every N-th frame" so that pairs built downstream get the same spacing
 * in seconds whatever the source's frame rate. A source slower than the target passes unchanged.
 * Should presentation time jump backwards (a stream restarted under the same id), the grid is
 * re-anchored on the new frame.
 */
public class FrameSampler extends KeyedProcessFunction<String, DecodedFrame, DecodedFrame> {

    private static final long serialVersionUID = 1L;

    private final long intervalMicros;

    /** Grid tick the next kept frame must reach; absent before the stream's first frame. */
    private transient ValueState<Long> nextTickMicros;
    /** PTS of the last kept frame, to notice time going backwards. */
    private transient ValueState<Long> lastKeptMicros;

    private transient Counter kept;
    private transient Counter dropped;

    /** @param fps frames per second to keep per stream */
    public FrameSampler(double fps) {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be > 0, got " + fps);
        }
        this.intervalMicros = Math.max(1L, Math.round(1e6 / fps));
    }

    @Override
    public void open(OpenContext openContext) {
        nextTickMicros = getRuntimeContext().getState(new ValueStateDescriptor<>("next-tick-us", Types.LONG));
        lastKeptMicros = getRuntimeContext().getState(new ValueStateDescriptor<>("last-kept-us", Types.LONG));
        kept = getRuntimeContext().getMetricGroup().counter("framesSampled");
        dropped = getRuntimeContext().getMetricGroup().counter("framesDropped");
    }

    @Override
    public void processElement(DecodedFrame frame, Context ctx, Collector<DecodedFrame> out) throws Exception {
        long pts = frame.ptsMicros();
        Long tick = nextTickMicros.value();
        Long last = lastKeptMicros.value();
        long next;
        if (tick == null || pts < last) {
            next = pts + intervalMicros;
        } else if (pts >= tick) {
            // Step past pts on the grid; a long hole skips ticks instead of emitting a burst.
            next = tick + ((pts - tick) / intervalMicros + 1) * intervalMicros;
        } else {
            dropped.inc();
            return;
        }
        nextTickMicros.update(next);
        lastKeptMicros.update(pts);
        kept.inc();
        out.collect(frame);
    }
}
