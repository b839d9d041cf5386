package io.vireo.eval.datasets;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Writes small datasets in the released on-disk formats (VOC, ADE20K) for reader and task tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A JPEG of a flat colour (BGR) with an optional filled rectangle of a second colour. */
    public static void jpeg(Path file, int w, int h, Scalar background, Rect box, Scalar boxColour) throws Exception {
        Files.createDirectories(file.getParent());
        Mat m = new Mat(h, w, opencv_core.CV_8UC3, background);
        if (box != null) {
            new Mat(m, box).setTo(new Mat(1, 1, opencv_core.CV_8UC3, boxColour));
        }
        if (!imwrite(file.toString(), m)) {
            throw new IllegalStateException("cannot write " + file);
        }
    }

    /** A left/right split image: left half colour a, right half colour b. */
    public static void halves(Path file, int w, int h, Scalar a, Scalar b) throws Exception {
        jpeg(file, w, h, a, new Rect(w / 2, 0, w - w / 2, h), b);
    }

    /** An 8-bit palette PNG (VOC SegmentationClass) with the given indices, row-major. */
    public static void palettePng(Path file, int w, int h, int[] indices) throws Exception {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) { // VOC's bit-interleaved colour map
            int c = i;
            int rr = 0;
            int gg = 0;
            int bb = 0;
            for (int j = 0; j < 8; j++) {
                rr |= ((c >> 0) & 1) << (7 - j);
                gg |= ((c >> 1) & 1) << (7 - j);
                bb |= ((c >> 2) & 1) << (7 - j);
                c >>= 3;
            }
            r[i] = (byte) rr;
            g[i] = (byte) gg;
            b[i] = (byte) bb;
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 256, r, g, b));
        img.getRaster().setSamples(0, 0, w, h, 0, indices);
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    /** An 8-bit grey PNG (ADE20K annotation) with the given values. */
    public static void greyPng(Path file, int w, int h, int[] values) throws Exception {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSamples(0, 0, w, h, 0, values);
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    /** A left/right label map: left half a, right half b. */
    public static int[] halvesMask(int w, int h, int a, int b) {
        int[] m = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                m[y * w + x] = x < w / 2 ? a : b;
            }
        }
        return m;
    }

    /** One VOC {@code <object>}. */
    public record Obj(String name, int xmin, int ymin, int xmax, int ymax, boolean difficult, boolean truncated) {
    }

    public static void vocXml(Path file, String id, int w, int h, List<Obj> objects) throws Exception {
        StringBuilder sb = new StringBuilder("<annotation>\n  <folder>VOC2012</folder>\n  <filename>" + id + ".jpg</filename>\n"
                + "  <size><width>" + w + "</width><height>" + h + "</height><depth>3</depth></size>\n  <segmented>0</segmented>\n");
        for (Obj o : objects) {
            sb.append("  <object>\n    <name>").append(o.name()).append("</name>\n    <pose>Unspecified</pose>\n")
                    .append("    <truncated>").append(o.truncated() ? 1 : 0).append("</truncated>\n")
                    .append("    <difficult>").append(o.difficult() ? 1 : 0).append("</difficult>\n")
                    .append("    <bndbox><xmin>").append(o.xmin()).append("</xmin><ymin>").append(o.ymin())
                    .append("</ymin><xmax>").append(o.xmax()).append("</xmax><ymax>").append(o.ymax()).append("</ymax></bndbox>\n")
                    .append("  </object>\n");
        }
        sb.append("</annotation>\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString());
    }

    public static void lines(Path file, List<String> lines) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }
}
