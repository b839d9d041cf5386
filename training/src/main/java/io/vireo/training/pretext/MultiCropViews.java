package io.vireo.training.pretext;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

import io.vireo.training.augment.MocoV2Augment;

/**
 * ReLICv2's views of one image: {@code large} crops at {@code largeSize} (through both networks) and
 * {@code small} crops at {@code smallSize} (online network only), each a random resized crop in its own
 * area range followed by the colour/blur/flip augmentation. Each large crop is taken from the
 * background-removed image with probability {@code saliencyProb} (0.1 in ReLICv2), as in the paper's
 * Algorithm 1 (the masked image is computed once per image, the coin is per large crop).
 *
 * <p>The crop is done here (MocoV2Augment only has a lower area bound, small crops need an upper one);
 * MocoV2Augment then runs with minScale 1 on the already cropped square, i.e. only its colour, blur and
 * flip steps change the view.
 */
public record MultiCropViews(int large, int small, int largeSize, int smallSize, double largeMinScale,
                             double largeMaxScale, double smallMinScale, double smallMaxScale, double saliencyProb) {

    public MultiCropViews {
        if (large < 1) {
            throw new IllegalArgumentException("relic.largeCrops: must be >= 1, got " + large);
        }
        if (small < 0 || small > 6) {
            throw new IllegalArgumentException("relic.smallCrops: must be in [0, 6], got " + small);
        }
        if (smallSize < 8 || smallSize > largeSize) {
            throw new IllegalArgumentException("relic.smallSize: must be in [8, relic.largeSize = " + largeSize + "], got " + smallSize);
        }
        requireRange("relic.largeScale", largeMinScale, largeMaxScale);
        requireRange("relic.smallScale", smallMinScale, smallMaxScale);
        if (!(saliencyProb >= 0 && saliencyProb <= 1)) {
            throw new IllegalArgumentException("relic.saliencyProb: must be in [0, 1], got " + saliencyProb);
        }
    }

    private static void requireRange(String key, double lo, double hi) {
        if (!(lo > 0 && lo <= hi && hi <= 1)) {
            throw new IllegalArgumentException(key + ": need 0 < min <= max <= 1, got [" + lo + ", " + hi + "]");
        }
    }

    /** The ReLICv2 recipe scaled to {@code largeSize}: 2 large (area 0.14–1), small crops at 96/224 of the side (area 0.05–0.14). */
    public static MultiCropViews relicV2(int largeSize, int small) {
        int smallSize = Math.max(8, (int) Math.round(largeSize * 96.0 / 224.0));
        return new MultiCropViews(2, small, largeSize, smallSize, 0.14, 1.0, 0.05, 0.14, 0.1);
    }

    /** @param saliency may be null when saliencyProb is 0 */
    public Views apply(Mat bgr, SplittableRandom rnd, SaliencyMask saliency) {
        MocoV2Augment largeAug = colourOnly(largeSize);
        MocoV2Augment smallAug = colourOnly(smallSize);
        Mat masked = null;
        float[][] l = new float[large][];
        int removed = 0;
        for (int i = 0; i < large; i++) {
            Mat source = bgr;
            if (saliencyProb > 0 && rnd.nextDouble() < saliencyProb) {
                if (masked == null) {
                    masked = saliency.removeBackground(bgr);
                }
                source = masked;
                removed++;
            }
            l[i] = largeAug.apply(crop(source, largeMinScale, largeMaxScale, largeSize, rnd), rnd.split());
        }
        float[][] s = new float[small][];
        for (int i = 0; i < small; i++) {
            s[i] = smallAug.apply(crop(bgr, smallMinScale, smallMaxScale, smallSize, rnd), rnd.split());
        }
        return new Views(l, s, removed);
    }

    private static MocoV2Augment colourOnly(int size) {
        MocoV2Augment m = MocoV2Augment.mocoV2(size);
        return new MocoV2Augment(size, 1.0, m.jitterProb(), m.brightness(), m.contrast(), m.saturation(), m.hue(),
                m.grayProb(), m.blurProb(), m.flipProb());
    }

    /** Random resized crop with area fraction in [lo, hi] and aspect ratio in [3/4, 4/3], resized to side². */
    static Mat crop(Mat src, double lo, double hi, int side, SplittableRandom rnd) {
        int w = src.cols(), h = src.rows();
        Rect roi = null;
        for (int attempt = 0; attempt < 10 && roi == null; attempt++) {
            double area = w * (double) h * (lo + rnd.nextDouble() * (hi - lo));
            double ratio = Math.exp(Math.log(0.75) + rnd.nextDouble() * (Math.log(4.0 / 3) - Math.log(0.75)));
            int cw = (int) Math.round(Math.sqrt(area * ratio));
            int ch = (int) Math.round(Math.sqrt(area / ratio));
            if (cw > 0 && ch > 0 && cw <= w && ch <= h) {
                roi = new Rect(rnd.nextInt(w - cw + 1), rnd.nextInt(h - ch + 1), cw, ch);
            }
        }
        if (roi == null) {
            int s = Math.max(1, (int) Math.round(Math.sqrt(w * (double) h * hi)));
            s = Math.min(s, Math.min(w, h));
            roi = new Rect((w - s) / 2, (h - s) / 2, s, s);
        }
        Mat out = new Mat();
        resize(new Mat(src, roi), out, new Size(side, side), 0, 0, INTER_LINEAR);
        return out;
    }

    /** CHW views; {@code backgroundRemoved} counts large crops taken from the masked image. */
    public record Views(float[][] large, float[][] small, int backgroundRemoved) {
    }
}
