package io.vireo.flink.pairs;

import io.vireo.flink.record.DecodedFrame;
import io.vireo.flink.record.ShotFrame;
import io.vireo.ingest.record.PairRecord;
import io.vireo.tracking.geometry.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Frame-level positive pairs: two frames of the same shot Δt apart. Keyed by stream id,
 * downstream of the {@code ShotCutDetector}.
 *
 * <p>Every frame becomes an anchor with its own Δt drawn from the {@link DeltaRange}
 * (deterministically, see there). An anchor waits in keyed state for the first frame of its shot
 * at or after {@code pts + Δt}; that frame is its partner. An anchor is dropped, not paired, when
 * its shot ends first (a cut: a pair must never show two scenes), or when the first frame past its
 * target is further than the range's maximum (a hole in the stream). Waiting anchors are therefore
 * bounded by {@code max Δt × sample rate} per stream.
 */
public class FramePairBuilder extends KeyedProcessFunction<String, ShotFrame, PairRecord> {

    private static final long serialVersionUID = 1L;

    /** One waiting anchor. */
    public record Anchor(ShotFrame frame, long targetPtsMicros) {
    }

    private final DeltaRange deltas;
    private final PairViews views;

    /** Waiting anchors by frame index. */
    private transient MapState<Long, Anchor> anchors;
    private transient Counter pairsEmitted;
    private transient Counter droppedAtCut;
    private transient Counter droppedAtHole;

    public FramePairBuilder(DeltaRange deltas, PairViews views) {
        this.deltas = deltas;
        this.views = views;
    }

    @Override
    public void open(OpenContext openContext) {
        // Crops and JPEG encoding run in OpenCV; its thread pool on top of Flink's slots would oversubscribe.
        opencv_core.setNumThreads(1);
        anchors = getRuntimeContext().getMapState(new MapStateDescriptor<>("frame-anchors", Types.LONG,
                TypeInformation.of(Anchor.class)));
        pairsEmitted = getRuntimeContext().getMetricGroup().counter("framePairsEmitted");
        droppedAtCut = getRuntimeContext().getMetricGroup().counter("frameAnchorsDroppedAtCut");
        droppedAtHole = getRuntimeContext().getMetricGroup().counter("frameAnchorsDroppedAtHole");
    }

    @Override
    public void processElement(ShotFrame frame, Context ctx, Collector<PairRecord> out) throws Exception {
        List<Anchor> ready = new ArrayList<>();
        for (Iterator<Map.Entry<Long, Anchor>> it = anchors.iterator(); it.hasNext(); ) {
            Anchor anchor = it.next().getValue();
            if (anchor.frame().shot() != frame.shot()) {
                droppedAtCut.inc();
                it.remove();
            } else if (frame.ptsMicros() >= anchor.targetPtsMicros()) {
                if (frame.ptsMicros() - anchor.frame().ptsMicros() <= deltas.maxMicros()) {
                    ready.add(anchor);
                } else {
                    droppedAtHole.inc();
                }
                it.remove();
            }
        }
        // State iteration order is the backend's; emit in frame order so output is reproducible.
        ready.sort(Comparator.comparingLong(a -> a.frame().frameIndex()));
        if (!ready.isEmpty()) {
            try (Mat second = FrameMats.toMat(frame.frame())) {
                byte[] secondView = views.frameView(second);
                for (Anchor anchor : ready) {
                    out.collect(pair(anchor.frame(), frame, secondView));
                    pairsEmitted.inc();
                }
            }
        }
        long delta = deltas.draw(frame.streamId(), frame.frameIndex(), "frame");
        anchors.put(frame.frameIndex(), new Anchor(frame, frame.ptsMicros() + delta));
    }

    private PairRecord pair(ShotFrame first, ShotFrame second, byte[] secondView) {
        DecodedFrame a = first.frame();
        DecodedFrame b = second.frame();
        byte[] firstView;
        try (Mat mat = FrameMats.toMat(a)) {
            firstView = views.frameView(mat);
        }
        Box windowA = views.frameWindow(a.width(), a.height());
        Box windowB = views.frameWindow(b.width(), b.height());
        String id = a.streamId() + "/frame/" + a.frameIndex() + "-" + b.frameIndex();
        return new PairRecord(id, a.streamId(), PairRecord.Kind.FRAME, first.shot(), a.ptsMicros(), b.ptsMicros(),
                a.frameIndex(), b.frameIndex(), b.width(), b.height(), PairViews.toPairBox(windowA),
                PairViews.toPairBox(windowB), null, null, null, views.formatName(), views.viewSize(), firstView,
                secondView);
    }
}
