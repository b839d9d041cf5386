package io.vireo.synth;

import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;

/** Pixel statistics shared by the tests. */
final class Diff {

    private Diff() {
    }

    static double meanAbs(RgbImage a, RgbImage b) {
        long sum = 0;
        for (int row = 0; row < a.height(); row++) {
            for (int col = 0; col < a.width(); col++) {
                for (int ch = 0; ch < 3; ch++) {
                    sum += Math.abs(a.channel(col, row, ch) - b.channel(col, row, ch));
                }
            }
        }
        return sum / (3.0 * a.width() * a.height());
    }

    /** PSNR of a decoded RGB24 frame against the raw render. */
    static double psnr(RgbImage raw, Frame decoded) {
        ByteBuffer buf = (ByteBuffer) decoded.image[0];
        double se = 0;
        for (int row = 0; row < raw.height(); row++) {
            for (int col = 0; col < raw.width(); col++) {
                for (int ch = 0; ch < 3; ch++) {
                    int d = raw.channel(col, row, ch) - (buf.get(row * decoded.imageStride + col * 3 + ch) & 0xFF);
                    se += d * d;
                }
            }
        }
        double mse = se / (3.0 * raw.width() * raw.height());
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255 * 255 / mse);
    }
}
