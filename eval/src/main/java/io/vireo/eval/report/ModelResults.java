package io.vireo.eval.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vireo.eval.probe.ProbeResult;
import io.vireo.eval.ris.RisResult;
import io.vireo.eval.segmentation.SegmentationResult;
import io.vireo.eval.tasks.VocClassificationResult;

/**
 * Everything measured for one encoder (a checkpoint or a baseline): the unit of the JSON results
 * files and one column of the HTML report.
 *
 * @param name     what the report calls it ("moco-v2 step 300", "random init")
 * @param encoder  checkpoint path or "random-init seed S"
 * @param probes   keyed by a task label such as "fashion-mnist/linear"
 * @param curve    training loss per step, from the metrics log (empty for baselines)
 */
public record ModelResults(String name, String encoder, long step, Map<String, ProbeResult> probes,
                           List<VocClassificationResult> voc, List<SegmentationResult> segmentation, List<RisResult> ris,
                           List<CurvePoint> curve) {

    public ModelResults {
        probes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(probes == null ? Map.of() : probes));
        voc = List.copyOf(voc == null ? List.of() : voc);
        segmentation = List.copyOf(segmentation == null ? List.of() : segmentation);
        ris = List.copyOf(ris == null ? List.of() : ris);
        curve = List.copyOf(curve == null ? List.of() : curve);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("model results need a name");
        }
    }

    public static ModelResults empty(String name, String encoder, long step) {
        return new ModelResults(name, encoder, step, Map.of(), List.of(), List.of(), List.of(), List.of());
    }

    public ModelResults withProbe(String task, ProbeResult r) {
        Map<String, ProbeResult> p = new LinkedHashMap<>(probes);
        p.put(task, r);
        return new ModelResults(name, encoder, step, p, voc, segmentation, ris, curve);
    }

    public ModelResults withVoc(VocClassificationResult r) {
        List<VocClassificationResult> v = new ArrayList<>(voc);
        v.add(r);
        return new ModelResults(name, encoder, step, probes, v, segmentation, ris, curve);
    }

    public ModelResults withSegmentation(SegmentationResult r) {
        List<SegmentationResult> s = new ArrayList<>(segmentation);
        s.removeIf(x -> x.dataset().equals(r.dataset()));
        s.add(r);
        return new ModelResults(name, encoder, step, probes, voc, s, ris, curve);
    }

    public ModelResults withRis(RisResult r) {
        List<RisResult> s = new ArrayList<>(ris);
        s.removeIf(x -> x.factor().equals(r.factor()));
        s.add(r);
        return new ModelResults(name, encoder, step, probes, voc, segmentation, s, curve);
    }

    public ModelResults withCurve(List<CurvePoint> c) {
        return new ModelResults(name, encoder, step, probes, voc, segmentation, ris, c);
    }
}
