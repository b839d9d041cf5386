package io.vireo.flink.cluster;

import java.util.ArrayList;
import org.apache.flink.api.common.accumulators.ListAccumulator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;

/**
 * A small stateful job for the cluster tests: numbers 0..count-1 from a rate-limited (checkpointed)
 * source, keyed by {@code n % keys}, counted in keyed state. Every record leaves as
 * {@code "key:runningCount"}, so after a failure an exactly-once sink must hold each line once and a
 * replay from a wrong state shows up as duplicates or gaps.
 */
final class CountingJob {

    static final String RESULTS = "final-counts";

    private CountingJob() {
    }

    /** The {@code "key:runningCount"} stream; the source emits {@code ratePerSecond} records per second in total. */
    static DataStream<String> runningCounts(StreamExecutionEnvironment env, long count, int keys, double ratePerSecond) {
        DataGeneratorSource<Long> source = new DataGeneratorSource<>(new Identity(), count,
                RateLimiterStrategy.perSecond(ratePerSecond), Types.LONG);
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers").uid("numbers")
                .keyBy(n -> (int) (n % keys), Types.INT)
                .process(new RunningCount(), Types.STRING).name("count").uid("count");
    }

    /**
     * Adds a final-count stage: per key, the last running count reaches the {@link #RESULTS}
     * accumulator as {@code "key:count"} once the bounded input ends (event-time timer at the end of time).
     */
    static void finalCountsToAccumulator(DataStream<String> runningCounts) {
        runningCounts
                .keyBy(line -> line.substring(0, line.indexOf(':')), Types.STRING)
                .process(new LastPerKey(), Types.STRING).name("last-per-key").uid("last-per-key")
                .map(new ToAccumulator()).name("to-accumulator").uid("to-accumulator")
                .sinkTo(new DiscardingSink<>()).name("discard").uid("discard");
    }

    /** A named class, not a lambda: a cluster without the job's classes then fails with a plain ClassNotFoundException. */
    static final class Identity implements GeneratorFunction<Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long map(Long index) {
            return index;
        }
    }

    static final class RunningCount extends KeyedProcessFunction<Integer, Long, String> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(Long n, Context ctx, Collector<String> out) throws Exception {
            long c = (count.value() == null ? 0 : count.value()) + 1;
            count.update(c);
            out.collect(ctx.getCurrentKey() + ":" + c);
        }
    }

    static final class LastPerKey extends KeyedProcessFunction<String, String, String> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<String> last;

        @Override
        public void open(OpenContext context) {
            last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", Types.STRING));
        }

        @Override
        public void processElement(String line, Context ctx, Collector<String> out) throws Exception {
            if (last.value() == null) {
                // The final watermark at the end of a bounded input fires this; no event time is needed otherwise.
                ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE - 1);
            }
            last.update(line);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
            out.collect(last.value());
        }
    }

    static final class ToAccumulator extends RichMapFunction<String, String> {
        private static final long serialVersionUID = 1L;
        private final ListAccumulator<String> results = new ListAccumulator<>();

        @Override
        public void open(OpenContext context) {
            getRuntimeContext().addAccumulator(RESULTS, results);
        }

        @Override
        public String map(String line) {
            results.add(line);
            return line;
        }
    }

    @SuppressWarnings("unchecked")
    static ArrayList<String> results(org.apache.flink.api.common.JobExecutionResult result) {
        return (ArrayList<String>) result.getAccumulatorResult(RESULTS);
    }
}
