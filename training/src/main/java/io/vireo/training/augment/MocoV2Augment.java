package io.vireo.training.augment;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.LUT;
import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2HSV;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_HSV2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The MoCo v2 view augmentation (torchvision semantics), with OpenCV ops on whole images:
 * RandomResizedCrop(scale 0.2–1, ratio 3/4–4/3) → ColorJitter(0.4, 0.4, 0.4, 0.1) with p 0.8 in a
 * random order of the four → RandomGrayscale p 0.2 → GaussianBlur(σ ∈ [0.1, 2]) p 0.5 → horizontal
 * flip p 0.5 → float CHW RGB normalised with ImageNet mean/std.
 *
 * <p>Deterministic: every random draw comes from the {@link SplittableRandom} passed in, which the
 * pipeline derives from (seed, example index, view), so views do not depend on thread timing.
 */
public record MocoV2Augment(int outSize, double minScale, double jitterProb, double brightness, double contrast,
                            double saturation, double hue, double grayProb, double blurProb, double flipProb) {

    private static final double[] MEAN_RGB = {0.485, 0.456, 0.406};
    private static final double[] STD_RGB = {0.229, 0.224, 0.225};

    public MocoV2Augment {
        if (outSize < 8) {
            throw new IllegalArgumentException("outSize: must be >= 8, got " + outSize);
        }
        if (!(minScale > 0 && minScale <= 1)) {
            throw new IllegalArgumentException("minScale: must be in (0, 1], got " + minScale);
        }
        if (hue < 0 || hue > 0.5) {
            throw new IllegalArgumentException("hue: must be in [0, 0.5], got " + hue);
        }
    }

    /** The MoCo v2 settings at a given output size. */
    public static MocoV2Augment mocoV2(int outSize) {
        return new MocoV2Augment(outSize, 0.2, 0.8, 0.4, 0.4, 0.4, 0.1, 0.2, 0.5, 0.5);
    }

    /** One augmented view as CHW floats (length 3·outSize²). The input Mat is not modified. */
    public float[] apply(Mat bgr, SplittableRandom rnd) {
        Mat img = randomResizedCrop(bgr, rnd);
        if (rnd.nextDouble() < jitterProb) {
            int[] order = {0, 1, 2, 3};
            for (int i = 3; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double b = factor(rnd, brightness), c = factor(rnd, contrast), s = factor(rnd, saturation);
            double h = (rnd.nextDouble() * 2 - 1) * hue;
            for (int op : order) {
                switch (op) {
                    case 0 -> img.convertTo(img, -1, b, 0);
                    case 1 -> adjustContrast(img, c);
                    case 2 -> adjustSaturation(img, s);
                    default -> adjustHue(img, h);
                }
            }
        }
        if (rnd.nextDouble() < grayProb) {
            Mat g = new Mat();
            cvtColor(img, g, COLOR_BGR2GRAY);
            cvtColor(g, img, COLOR_GRAY2BGR);
        }
        if (rnd.nextDouble() < blurProb) {
            double sigma = 0.1 + rnd.nextDouble() * 1.9;
            // MoCo's kernel is 23 px at 224 px, i.e. ~10% of the side; keep it odd.
            int k = Math.max(3, (int) Math.round(outSize * 0.1) | 1);
            GaussianBlur(img, img, new Size(k, k), sigma);
        }
        if (rnd.nextDouble() < flipProb) {
            flip(img, img, 1);
        }
        return toChw(img);
    }

    /** Evaluation transform: resize the whole image to outSize², normalise; no randomness. */
    public float[] evalTransform(Mat bgr) {
        Mat out = new Mat();
        resize(bgr, out, new Size(outSize, outSize), 0, 0, INTER_AREA);
        return toChw(out);
    }

    private static double factor(SplittableRandom rnd, double strength) {
        return 1 - strength + rnd.nextDouble() * 2 * strength;
    }

    private Mat randomResizedCrop(Mat src, SplittableRandom rnd) {
        int w = src.cols(), h = src.rows();
        double area = (double) w * h;
        Rect roi = null;
        for (int attempt = 0; attempt < 10 && roi == null; attempt++) {
            double target = area * (minScale + rnd.nextDouble() * (1 - minScale));
            double logRatio = Math.log(3.0 / 4) + rnd.nextDouble() * (Math.log(4.0 / 3) - Math.log(3.0 / 4));
            double ratio = Math.exp(logRatio);
            int cw = (int) Math.round(Math.sqrt(target * ratio));
            int ch = (int) Math.round(Math.sqrt(target / ratio));
            if (cw > 0 && ch > 0 && cw <= w && ch <= h) {
                roi = new Rect(rnd.nextInt(w - cw + 1), rnd.nextInt(h - ch + 1), cw, ch);
            }
        }
        if (roi == null) { // torchvision's fallback: central crop at the clamped ratio
            int side = Math.min(w, h);
            roi = new Rect((w - side) / 2, (h - side) / 2, side, side);
        }
        Mat out = new Mat();
        resize(new Mat(src, roi), out, new Size(outSize, outSize), 0, 0, INTER_LINEAR);
        return out;
    }

    private static void adjustContrast(Mat img, double c) {
        Mat g = new Mat();
        cvtColor(img, g, COLOR_BGR2GRAY);
        double mu = mean(g).get(0);
        img.convertTo(img, -1, c, (1 - c) * mu);
    }

    private static void adjustSaturation(Mat img, double s) {
        Mat g = new Mat();
        Mat g3 = new Mat();
        cvtColor(img, g, COLOR_BGR2GRAY);
        cvtColor(g, g3, COLOR_GRAY2BGR);
        addWeighted(img, s, g3, 1 - s, 0, img);
    }

    private static void adjustHue(Mat img, double shift) {
        // 8-bit HSV stores hue as degrees/2 in [0, 180): rotate it with a lookup table.
        int d = (int) Math.round(shift * 180);
        if (d == 0) {
            return;
        }
        byte[] table = new byte[256];
        for (int i = 0; i < 256; i++) {
            table[i] = (byte) (i < 180 ? Math.floorMod(i + d, 180) : i);
        }
        Mat lut = new Mat(1, 256, CV_8U);
        lut.data().put(table);
        Mat hsv = new Mat();
        cvtColor(img, hsv, COLOR_BGR2HSV);
        MatVector ch = new MatVector(3);
        split(hsv, ch);
        Mat hue = new Mat();
        LUT(ch.get(0), lut, hue);
        ch.put(0, hue);
        merge(ch, hsv);
        cvtColor(hsv, img, COLOR_HSV2BGR);
    }

    private float[] toChw(Mat bgr) {
        int plane = outSize * outSize;
        float[] out = new float[3 * plane];
        MatVector ch = new MatVector(3);
        split(bgr, ch);
        for (int rgb = 0; rgb < 3; rgb++) {
            Mat c8 = ch.get(2 - rgb); // OpenCV is BGR
            Mat f = new Mat();
            c8.convertTo(f, CV_32F, 1.0 / (255.0 * STD_RGB[rgb]), -MEAN_RGB[rgb] / STD_RGB[rgb]);
            FloatBuffer fb = f.createBuffer();
            fb.get(out, rgb * plane, plane);
        }
        return out;
    }

}
