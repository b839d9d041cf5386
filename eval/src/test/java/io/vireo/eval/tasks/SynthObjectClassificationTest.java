package io.vireo.eval.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import io.vireo.eval.encoder.EncoderLoader;
import io.vireo.eval.encoder.FeatureExtractor;
import io.vireo.eval.probe.KnnConfig;
import io.vireo.eval.probe.LinearProbeConfig;
import io.vireo.eval.probe.ProbeResult;
import io.vireo.synth.ObjectClass;
import io.vireo.training.model.Arch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.ResNetVersion;

class SynthObjectClassificationTest {

    /** Each image is labelled with its own class: tall pillars crop tall, flat slabs crop wide, whatever the yaw. */
    @Test
    void rendersCarryTheirClass() {
        SynthObjectClassification.Renders r = SynthObjectClassification.renders(
                new SynthObjectClassification.Settings(12, 0.25, 64, 9));
        assertThat(r.count()).isEqualTo(12 * ObjectClass.values().length);
        double pillar = medianAspect(r, ObjectClass.PILLAR);
        double slab = medianAspect(r, ObjectClass.SLAB);
        assertThat(pillar).as("pillar width/height").isLessThan(0.8);
        assertThat(slab).as("slab width/height").isGreaterThan(1.25);
    }

    private static double medianAspect(SynthObjectClassification.Renders r, ObjectClass c) {
        List<Double> aspects = new ArrayList<>();
        for (int i = 0; i < r.count(); i++) {
            if (r.labels()[i] == c.id()) {
                try (Mat m = r.image().apply(i)) {
                    aspects.add(m.cols() / (double) m.rows());
                }
            }
        }
        Collections.sort(aspects);
        return aspects.get(aspects.size() / 2);
    }

    @Test
    void probesReportLinearAndKnnOnTheHeldOutShare() {
        FeatureExtractor x = new FeatureExtractor(
                EncoderLoader.random(new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 0.25, 32, 3), 3), 32);
        SynthObjectClassification.Settings s = new SynthObjectClassification.Settings(16, 0.25, 48, 5);

        Map<String, ProbeResult> results = SynthObjectClassification.evaluate(x, s, LinearProbeConfig.defaults(),
                KnnConfig.defaults());

        assertThat(results).containsOnlyKeys("synth-objects/linear", "synth-objects/knn");
        int classes = ObjectClass.values().length;
        for (ProbeResult r : results.values()) {
            assertThat(r.testSize()).isEqualTo(classes * 4);
            assertThat(r.top1()).as(r.probe()).isBetween(0.0, 1.0);
            assertThat(r.top5()).as(r.probe()).isGreaterThanOrEqualTo(r.top1());
        }
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new SynthObjectClassification.Settings(2, 0.25, 64, 1)).hasMessageContaining("imagesPerClass");
        assertThatThrownBy(() -> new SynthObjectClassification.Settings(10, 1, 64, 1)).hasMessageContaining("testFraction");
    }
}
