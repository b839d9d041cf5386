package io.vireo.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws every random choice of a video from its seed, up front, into {@link ShotPlan}s. Each shot gets
 * its own split of the root generator, so changing one shot's recipe does not reshuffle the others.
 * Speeds and sizes are given for 320x240 and scaled with the frame.
 */
final class ScenePlanner {

    private ScenePlanner() {
    }

    static SceneScript plan(SynthConfig config) {
        SplittableRandom root = new SplittableRandom(config.seed());
        double hue = root.nextDouble(360);
        double meanShotFrames = config.meanShotSeconds() * config.fps();
        List<ShotPlan> shots = new ArrayList<>();
        int start = 0;
        int nextObjectId = 0;
        while (start < config.frames()) {
            SplittableRandom r = root.split();
            int length = Math.max(2, (int) Math.round(meanShotFrames * r.nextDouble(0.7, 1.3)));
            int remaining = config.frames() - start;
            // A last shot much shorter than usual would look like a glitch; fold it into this one.
            if (remaining - length < Math.max(2, 0.5 * meanShotFrames)) {
                length = remaining;
            }
            hue += r.nextDouble(120, 240);
            int index = shots.size();
            List<ObjectTrack> objects = new ArrayList<>();
            for (int i = 0; i < config.objectsPerShot(); i++) {
                objects.add(planObject(nextObjectId++, config, r));
            }
            // Smaller = farther away: draw those first.
            objects.sort(Comparator.comparingDouble(ObjectTrack::scale));
            List<OccluderTrack> occluders = new ArrayList<>();
            for (int i = 0; i < config.occludersPerShot(); i++) {
                occluders.add(planOccluder(config, r));
            }
            shots.add(new ShotPlan(index, start, length, planBackdrop(config, index, hue, r), objects, occluders,
                    planLight(length / config.fps(), r), config.cameraMotion() ? planCamera(config, r) : CameraTrack.STILL));
            start += length;
        }
        return new SceneScript(config, shots);
    }

    /** Alternates bright and dark palettes with a large hue step, so every cut changes the whole frame. */
    private static Backdrop planBackdrop(SynthConfig config, int shotIndex, double hue, SplittableRandom r) {
        if (config.plainBackground()) {
            return Backdrop.flat(Rgb.BLACK);
        }
        boolean bright = shotIndex % 2 == 0;
        double saturation = r.nextDouble(0.25, 0.65);
        double value = bright ? r.nextDouble(0.75, 0.95) : r.nextDouble(0.3, 0.45);
        Rgb a = Rgb.fromHsv(hue, saturation, value);
        Rgb b = Rgb.fromHsv(hue + r.nextDouble(20, 50), saturation, value * r.nextDouble(0.55, 0.75));
        double cell = r.nextDouble(40, 70) * config.width() / 320.0;
        return new Backdrop(false, a, b, cell, r.nextLong(), Rgb.WHITE);
    }

    private static ObjectTrack planObject(int id, SynthConfig config, SplittableRandom r) {
        ObjectClass[] classes = ObjectClass.values();
        ObjectClass objectClass = classes[r.nextInt(classes.length)];
        ObjectInstance instance = ObjectInstance.random(objectClass, r);
        double w = config.width();
        double h = config.height();
        double scale = h * r.nextDouble(0.13, 0.21) / objectClass.boundingRadius();
        // Centres may come close to the border so that objects are sometimes cut by it, as in real footage.
        Bounce x = new Bounce(r.nextDouble(0.08 * w, 0.92 * w), signed(r, 8, 35) * w / 320, 0.08 * w, 0.92 * w);
        Bounce y = new Bounce(r.nextDouble(0.15 * h, 0.85 * h), signed(r, 4, 18) * h / 240, 0.15 * h, 0.85 * h);
        return new ObjectTrack(id, instance, scale, x, y, r.nextDouble(360), signed(r, 15, 60));
    }

    private static OccluderTrack planOccluder(SynthConfig config, SplittableRandom r) {
        double w = config.width();
        double h = config.height();
        boolean disc = r.nextBoolean();
        Bounce x = new Bounce(r.nextDouble(0, w), signed(r, 30, 70) * w / 320, -0.1 * w, 1.1 * w);
        Bounce y = new Bounce(r.nextDouble(0.1 * h, 0.9 * h), signed(r, 0.5, 12) * h / 240, 0, h);
        double length = h * r.nextDouble(0.4, 0.8);
        double width = (disc ? r.nextDouble(8, 22) : r.nextDouble(6, 16)) * h / 240;
        Rgb colour = Rgb.fromHsv(r.nextDouble(360), r.nextDouble(0.1, 0.4), r.nextDouble(0.25, 0.9));
        return new OccluderTrack(disc, x, y, length, width, r.nextDouble(60, 120), signed(r, 0.5, 20), colour);
    }

    private static LightTrack planLight(double shotSeconds, SplittableRandom r) {
        Rgb from = Rgb.fromHsv(r.nextDouble(360), r.nextDouble(0, 0.5), 1);
        Rgb to = Rgb.fromHsv(r.nextDouble(360), r.nextDouble(0, 0.5), 1);
        return new LightTrack(r.nextDouble(-100, 100), signed(r, 10, 45), r.nextDouble(25, 60),
                r.nextDouble(0, 15), r.nextDouble(3, 8), from, to, shotSeconds);
    }

    private static CameraTrack planCamera(SynthConfig config, SplittableRandom r) {
        double sx = config.width() / 320.0;
        double sy = config.height() / 240.0;
        return new CameraTrack(signed(r, 5, 25) * sx, signed(r, 0.5, 8) * sy, r.nextDouble(0, 10) * sx,
                r.nextDouble(0, 6) * sy, r.nextDouble(2, 5));
    }

    /** A magnitude in [lo, hi) with a random sign. */
    private static double signed(SplittableRandom r, double lo, double hi) {
        double magnitude = r.nextDouble(lo, hi);
        return r.nextBoolean() ? magnitude : -magnitude;
    }
}
