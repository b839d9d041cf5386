package io.vireo.flink.shot;

import io.vireo.flink.record.DecodedFrame;
import io.vireo.flink.record.ShotFrame;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Splits each stream into shots and tags every sampled frame with its shot index. Keyed by stream
 * id, downstream of the sampler.
 *
 * <p>A cut is declared between two consecutive frames when their {@link ColorLayout} distance
 * reaches the threshold (hard cuts; a slow dissolve is deliberately not a cut, its frames still
 * show the same scene to within the blend). A frame size change or presentation time going
 * backwards (a stream restarted under the same id) also starts a new shot, since nothing before
 * it is the same footage. The pair builders downstream pair only frames with equal shot index.
 *
 * <p>State per stream: the previous frame's colour layout, its PTS and size, and the current
 * shot index: a few KiB, whatever the frame size.
 */
public class ShotCutDetector extends KeyedProcessFunction<String, DecodedFrame, ShotFrame> {

    private static final long serialVersionUID = 1L;

    private final double threshold;

    private transient ValueState<float[]> previousLayout;
    private transient ValueState<Long> previousPts;
    private transient ValueState<Integer> previousSize;
    private transient ValueState<Long> shot;
    private transient Counter cuts;

    /** @param threshold colour-layout distance, in (0, 1], at which consecutive frames are a cut */
    public ShotCutDetector(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        }
        this.threshold = threshold;
    }

    @Override
    public void open(OpenContext openContext) {
        previousLayout = getRuntimeContext().getState(
                new ValueStateDescriptor<>("previous-layout", PrimitiveArrayTypeInfo.FLOAT_PRIMITIVE_ARRAY_TYPE_INFO));
        previousPts = getRuntimeContext().getState(new ValueStateDescriptor<>("previous-pts-us", Types.LONG));
        previousSize = getRuntimeContext().getState(new ValueStateDescriptor<>("previous-size", Types.INT));
        shot = getRuntimeContext().getState(new ValueStateDescriptor<>("shot", Types.LONG));
        cuts = getRuntimeContext().getMetricGroup().counter("shotCuts");
    }

    @Override
    public void processElement(DecodedFrame frame, Context ctx, Collector<ShotFrame> out) throws Exception {
        float[] layout = ColorLayout.of(frame.bgr(), frame.width(), frame.height());
        // Width and height in one int: both are far below 2^16 for any video we decode.
        int size = frame.width() << 16 | frame.height();
        Long current = shot.value();
        long index;
        if (current == null) {
            index = 0;
        } else if (frame.ptsMicros() < previousPts.value() || size != previousSize.value()
                || ColorLayout.distance(previousLayout.value(), layout) >= threshold) {
            index = current + 1;
            cuts.inc();
        } else {
            index = current;
        }
        shot.update(index);
        previousLayout.update(layout);
        previousPts.update(frame.ptsMicros());
        previousSize.update(size);
        out.collect(new ShotFrame(frame, index));
    }
}
