package io.vireo.synth;

import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;

/** Pixel statistics shared by the synth tests. */
final class Pixels {

    private Pixels() {
    }

    static boolean isBlack(RgbImage image, int col, int row) {
        return image.rgbAt(col, row) == 0;
    }

    static int countNonBlack(RgbImage image) {
        int count = 0;
        for (int row = 0; row < image.height(); row++) {
            for (int col = 0; col < image.width(); col++) {
                if (!isBlack(image, col, row)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Tight box of the pixels that differ from {@code backgroundRgb}, or null if there are none. */
    static Box boxOfPixelsOtherThan(RgbImage image, int backgroundRgb) {
        int minCol = Integer.MAX_VALUE;
        int minRow = Integer.MAX_VALUE;
        int maxCol = -1;
        int maxRow = -1;
        for (int row = 0; row < image.height(); row++) {
            for (int col = 0; col < image.width(); col++) {
                if (image.rgbAt(col, row) != backgroundRgb) {
                    minCol = Math.min(minCol, col);
                    minRow = Math.min(minRow, row);
                    maxCol = Math.max(maxCol, col);
                    maxRow = Math.max(maxRow, row);
                }
            }
        }
        return maxCol < 0 ? null : new Box(minCol, minRow, maxCol - minCol + 1, maxRow - minRow + 1);
    }

    static double meanAbsDifference(RgbImage a, RgbImage b) {
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

    /** Copies a decoded 8-bit, 3-channel frame (RGB order expected) into an image. */
    static RgbImage fromFrame(Frame frame) {
        ByteBuffer buffer = (ByteBuffer) frame.image[0];
        byte[] rgb = new byte[frame.imageWidth * frame.imageHeight * 3];
        for (int row = 0; row < frame.imageHeight; row++) {
            for (int i = 0; i < frame.imageWidth * 3; i++) {
                rgb[row * frame.imageWidth * 3 + i] = buffer.get(row * frame.imageStride + i);
            }
        }
        return RgbImage.of(frame.imageWidth, frame.imageHeight, rgb);
    }

    static double psnr(RgbImage reference, RgbImage test) {
        double squared = 0;
        for (int row = 0; row < reference.height(); row++) {
            for (int col = 0; col < reference.width(); col++) {
                for (int ch = 0; ch < 3; ch++) {
                    int d = reference.channel(col, row, ch) - test.channel(col, row, ch);
                    squared += d * d;
                }
            }
        }
        double mse = squared / (3.0 * reference.width() * reference.height());
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
