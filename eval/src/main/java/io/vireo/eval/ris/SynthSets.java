package io.vireo.eval.ris;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;

import io.vireo.eval.images.SynthRenders;
import io.vireo.synth.Light;
import io.vireo.synth.ObjectClass;
import io.vireo.synth.ObjectInstance;
import io.vireo.synth.Rgb;
import io.vireo.synth.SceneSynthesizer;

/**
 * RIS sets from the synthetic world's exact ground truth: object renders in which one factor
 * varies and everything else is fixed ({@link SceneSynthesizer#renderObject}), cropped to the
 * object's true box. Factors: viewpoint (yaw), illumination direction (light azimuth),
 * illumination colour, occlusion (share of the silhouette hidden) — each set is one instance
 * under that factor — and instance: each set is one class seen as several different instances
 * under the same pose and light (the paper's Pascal3D+ instance sets).
 */
public final class SynthSets {

    public static final List<String> FACTORS = List.of("viewpoint", "illumination-direction", "illumination-colour",
            "occlusion", "instance");

    /**
     * @param instancesPerClass instances drawn per object class
     * @param conditions        images per set (values of the varying factor)
     * @param renderSize        side of the square render before cropping
     */
    public record Settings(int instancesPerClass, int conditions, int renderSize, long seed) {
        public Settings {
            if (instancesPerClass < 1) {
                throw new IllegalArgumentException("instancesPerClass: must be >= 1, got " + instancesPerClass);
            }
            if (conditions < Ris.MIN_SET_SIZE) {
                throw new IllegalArgumentException("conditions: must be >= " + Ris.MIN_SET_SIZE + " (smaller sets are skipped), got "
                        + conditions);
            }
            if (renderSize < 16) {
                throw new IllegalArgumentException("renderSize: must be >= 16, got " + renderSize);
            }
        }
    }

    private static final Light BASE_LIGHT = new Light(30, 45, Rgb.WHITE);
    private static final double BASE_YAW = 30;

    private SynthSets() {
    }

    public static RisInput build(String factor, Settings s) {
        List<ObjectInstance> instances = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(s.seed());
        for (ObjectClass c : ObjectClass.values()) {
            for (int i = 0; i < s.instancesPerClass(); i++) {
                instances.add(ObjectInstance.random(c, random));
            }
        }
        List<Render> renders = new ArrayList<>();
        List<int[]> sets = new ArrayList<>();
        int m = s.conditions();
        switch (factor) {
            case "instance" -> {
                for (ObjectClass c : ObjectClass.values()) {
                    int[] set = new int[s.instancesPerClass()];
                    for (int i = 0; i < set.length; i++) {
                        set[i] = renders.size();
                        renders.add(new Render(instances.get(c.ordinal() * s.instancesPerClass() + i), BASE_YAW, BASE_LIGHT, 0,
                                c.label() + " instance " + i));
                    }
                    sets.add(set);
                }
            }
            case "viewpoint", "illumination-direction", "illumination-colour", "occlusion" -> {
                for (int k = 0; k < instances.size(); k++) {
                    ObjectInstance inst = instances.get(k);
                    int[] set = new int[m];
                    for (int j = 0; j < m; j++) {
                        double t = j / (double) m;
                        Render r = switch (factor) {
                            case "viewpoint" -> new Render(inst, 360 * t, BASE_LIGHT, 0, "yaw " + 360 * t);
                            case "illumination-direction" -> new Render(inst, BASE_YAW,
                                    BASE_LIGHT.withAzimuthDeg(-80 + 160 * t), 0, "light azimuth " + (-80 + 160 * t));
                            case "illumination-colour" -> new Render(inst, BASE_YAW,
                                    BASE_LIGHT.withColour(Rgb.fromHsv(360 * t, 0.6, 1)), 0, "light hue " + 360 * t);
                            default -> new Render(inst, BASE_YAW, BASE_LIGHT, 0.6 * t, "occlusion " + 0.6 * t);
                        };
                        set[j] = renders.size();
                        renders.add(r.named(inst.objectClass().label() + " #" + k + " " + r.name()));
                    }
                    sets.add(set);
                }
            }
            default -> throw new IllegalArgumentException("factor: unknown '" + factor + "' (known: " + FACTORS + ")");
        }
        int[] classes = renders.stream().mapToInt(r -> r.instance().objectClass().id()).toArray();
        List<String> names = renders.stream().map(Render::name).toList();
        int size = s.renderSize();
        return new RisInput(factor, renders.size(), i -> renders.get(i).crop(size), names, classes, sets);
    }

    private record Render(ObjectInstance instance, double yaw, Light light, double occlusion, String name) {
        Render named(String n) {
            return new Render(instance, yaw, light, occlusion, n);
        }

        /** The render cropped to the object's true box, as BGR. */
        Mat crop(int size) {
            return SynthRenders.crop(instance, yaw, light, occlusion, size);
        }
    }
}
