package io.vireo.eval.images;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

import io.vireo.synth.Box;
import io.vireo.synth.Light;
import io.vireo.synth.ObjectImage;
import io.vireo.synth.ObjectInstance;
import io.vireo.synth.SceneSynthesizer;

/** Single-object renders of the synthetic world, as the BGR crops encoders are evaluated on. */
public final class SynthRenders {

    private SynthRenders() {
    }

    /** {@code instance} rendered at {@code size}², cropped to its true box, as BGR. */
    public static Mat crop(ObjectInstance instance, double yawDeg, Light light, double occlusion, int size) {
        ObjectImage img = SceneSynthesizer.renderObject(instance, yawDeg, light, occlusion, size);
        byte[] rgb = img.image().copyOfPixels();
        byte[] bgr = new byte[rgb.length];
        for (int p = 0; p < rgb.length; p += 3) {
            bgr[p] = rgb[p + 2];
            bgr[p + 1] = rgb[p + 1];
            bgr[p + 2] = rgb[p];
        }
        Mat full = new Mat(img.image().height(), img.image().width(), opencv_core.CV_8UC3);
        full.data().put(bgr);
        Box b = img.truth().box();
        Mat crop = new Mat(full, new Rect(b.x(), b.y(), Math.max(1, b.w()), Math.max(1, b.h()))).clone();
        full.close();
        return crop;
    }
}
