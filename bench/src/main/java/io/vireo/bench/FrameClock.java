package io.vireo.bench;

import io.vireo.flink.record.DecodedFrame;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.accumulators.LongMinimum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Notes when the job's first and last sampled frames come out of the decoder, and their decode
 * indices, as Flink accumulators. The rate between them is the job's steady decode rate: what a
 * long-running job sustains, without the job's start and stop (cluster, RPC class loading,
 * scheduling), which a whole-run timing of a 60 s input mixes in. Parallelism 1 only: with more
 * subtasks the minimum and maximum would span different streams' frames.
 */
final class FrameClock extends RichMapFunction<DecodedFrame, Long> {

    private static final long serialVersionUID = 1L;
    private static final String FIRST_NANOS = "first-frame-nanos";
    private static final String LAST_NANOS = "last-frame-nanos";
    private static final String FIRST_INDEX = "first-frame-index";
    private static final String LAST_INDEX = "last-frame-index";
    private static final String SAMPLED = "sampled-frames";

    /**
     * Decoded frames (sampled or not) between the first and last sampled frame, the seconds
     * between them, and how many frames sampling kept.
     */
    record SteadyRate(long frames, double seconds, long sampled) {
        double framesPerSecond() {
            return frames / Math.max(1e-9, seconds);
        }

        static SteadyRate of(JobExecutionResult result) {
            long sampled = result.<Long>getAccumulatorResult(SAMPLED);
            if (sampled < 2) {
                return new SteadyRate(0, 0, sampled);
            }
            long firstNanos = result.getAccumulatorResult(FIRST_NANOS);
            long lastNanos = result.getAccumulatorResult(LAST_NANOS);
            long firstIndex = result.getAccumulatorResult(FIRST_INDEX);
            long lastIndex = result.getAccumulatorResult(LAST_INDEX);
            return new SteadyRate(lastIndex - firstIndex, (lastNanos - firstNanos) / 1e9, sampled);
        }
    }

    private transient LongMinimum firstNanos;
    private transient LongMaximum lastNanos;
    private transient LongMinimum firstIndex;
    private transient LongMaximum lastIndex;
    private transient LongCounter sampled;

    @Override
    public void open(OpenContext openContext) {
        firstNanos = new LongMinimum();
        lastNanos = new LongMaximum();
        firstIndex = new LongMinimum();
        lastIndex = new LongMaximum();
        sampled = new LongCounter();
        getRuntimeContext().addAccumulator(FIRST_NANOS, firstNanos);
        getRuntimeContext().addAccumulator(LAST_NANOS, lastNanos);
        getRuntimeContext().addAccumulator(FIRST_INDEX, firstIndex);
        getRuntimeContext().addAccumulator(LAST_INDEX, lastIndex);
        getRuntimeContext().addAccumulator(SAMPLED, sampled);
    }

    @Override
    public Long map(DecodedFrame frame) {
        long now = System.nanoTime();
        firstNanos.add(now);
        lastNanos.add(now);
        firstIndex.add(frame.frameIndex());
        lastIndex.add(frame.frameIndex());
        sampled.add(1L);
        return 1L;
    }
}
