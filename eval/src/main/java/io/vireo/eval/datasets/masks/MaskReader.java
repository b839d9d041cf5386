package io.vireo.eval.datasets.masks;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntUnaryOperator;

import javax.imageio.ImageIO;

/**
 * Reads segmentation masks stored as single-channel 8-bit PNGs whose pixel values are class
 * indices: palette PNGs (Pascal VOC's SegmentationClass; the index is the value, the palette only
 * colours it) and grey PNGs (ADE20K). Read with ImageIO, not OpenCV: OpenCV expands a palette to
 * its colours and the class indices would be lost.
 */
public final class MaskReader {

    private MaskReader() {
    }

    /**
     * @param toLabel maps a stored value to a class index in 0..classes-1 or {@link LabelMap#IGNORE};
     *                any other result is an error naming the file, the value and the pixel
     */
    public static LabelMap read(Path png, int classes, IntUnaryOperator toLabel) {
        if (!Files.isRegularFile(png)) {
            throw new IllegalArgumentException("mask not found: " + png);
        }
        BufferedImage image;
        try {
            image = ImageIO.read(png.toFile());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot decode mask " + png + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new IllegalArgumentException("cannot decode mask " + png + " (not an image ImageIO can read)");
        }
        Raster raster = image.getRaster();
        boolean palette = image.getColorModel() instanceof IndexColorModel;
        if (raster.getNumBands() != 1 || (!palette && raster.getSampleModel().getSampleSize(0) > 8)) {
            throw new IllegalArgumentException("mask " + png + " must be a palette or 8-bit grey PNG of class indices, got "
                    + raster.getNumBands() + " band(s) of " + raster.getSampleModel().getSampleSize(0) + " bits");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] values = raster.getSamples(0, 0, w, h, 0, new int[w * h]);
        int[] labels = new int[w * h];
        for (int i = 0; i < values.length; i++) {
            int label = toLabel.applyAsInt(values[i]);
            if (label != LabelMap.IGNORE && (label < 0 || label >= classes)) {
                throw new IllegalArgumentException("mask " + png + ": pixel (" + (i % w) + ", " + (i / w) + ") has value "
                        + values[i] + ", outside the " + classes + " classes and not the ignore value");
            }
            labels[i] = label;
        }
        return new LabelMap(w, h, labels, png.toString());
    }
}
