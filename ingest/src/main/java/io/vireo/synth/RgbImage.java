package io.vireo.synth;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/** An 8-bit RGB raster, row-major, 3 bytes per pixel; immutable once handed out. */
public final class RgbImage {

    private final int width;
    private final int height;
    private final byte[] rgb;

    /** Takes ownership of {@code rgb}; callers in this package never write to it afterwards. */
    RgbImage(int width, int height, byte[] rgb) {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("rgb must hold width*height*3 = " + width * height * 3
                    + " bytes, got " + rgb.length);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /** Copies {@code rgb} (row-major, R, G, B per pixel). */
    public static RgbImage of(int width, int height, byte[] rgb) {
        return new RgbImage(width, height, rgb.clone());
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Channel value 0..255; channel 0 = red, 1 = green, 2 = blue. */
    public int channel(int col, int row, int channel) {
        return rgb[(row * width + col) * 3 + channel] & 0xFF;
    }

    /** Packed 0xRRGGBB. */
    public int rgbAt(int col, int row) {
        int i = (row * width + col) * 3;
        return (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | rgb[i + 2] & 0xFF;
    }

    public byte[] copyOfPixels() {
        return rgb.clone();
    }

    /** Read-only view for encoders in this package; avoids a copy per frame. */
    byte[] pixels() {
        return rgb;
    }

    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                image.setRGB(col, row, rgbAt(col, row));
            }
        }
        return image;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage other && width == other.width && height == other.height
                && Arrays.equals(rgb, other.rgb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
