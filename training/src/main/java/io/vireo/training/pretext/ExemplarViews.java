package io.vireo.training.pretext;

import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;

import io.vireo.training.augment.MocoV2Augment;

/**
 * Exemplar (Dosovitskiy et al. 2014, as in Revisiting SSL): several heavily augmented views of one
 * image form a surrogate class; the triplet loss pulls them together and pushes other images away.
 * "Heavy" = the MoCo v2 pipeline with stronger crops (down to 8 % of the area) and colour jitter.
 */
public record ExemplarViews(MocoV2Augment augment, int views) {
    public ExemplarViews {
        if (views < 2) {
            throw new IllegalArgumentException("exemplar.views: need >= 2 views per image for a positive pair, got " + views);
        }
    }

    /** The heavy augmentation at a given size: crops 0.08–1, jitter 0.8 (p 0.8), grey 0.2, blur 0.5, flip. */
    public static ExemplarViews heavy(int outSize, int views) {
        return new ExemplarViews(new MocoV2Augment(outSize, 0.08, 0.8, 0.8, 0.8, 0.8, 0.2, 0.2, 0.5, 0.5), views);
    }

    /** {@code views} CHW views, each from its own generator split off {@code rnd}. */
    public float[][] apply(Mat bgr, SplittableRandom rnd) {
        float[][] out = new float[views][];
        for (int v = 0; v < views; v++) {
            out[v] = augment.apply(bgr, rnd.split());
        }
        return out;
    }
}
