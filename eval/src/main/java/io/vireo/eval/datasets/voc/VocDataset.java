package io.vireo.eval.datasets.voc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.vireo.eval.datasets.masks.LabelMap;
import io.vireo.eval.datasets.masks.MaskReader;
import io.vireo.eval.segmentation.SegmentationSample;

/**
 * One year of Pascal VOC as released: {@code VOCdevkit/VOC2007} or {@code VOCdevkit/VOC2012} with
 * {@code JPEGImages/ID.jpg}, {@code Annotations/ID.xml}, {@code ImageSets/Main/SPLIT.txt},
 * {@code ImageSets/Segmentation/SPLIT.txt} and {@code SegmentationClass/ID.png} (palette PNG:
 * 0 background, 1–20 the classes, 255 border/ignore). Folders are checked when a task needs them,
 * so a classification-only copy (VOC2007 test) works without segmentation folders.
 */
public final class VocDataset {

    private final Path root;

    private VocDataset(Path root) {
        this.root = root;
    }

    /**
     * @param path the year folder ({@code …/VOC2012}) or the devkit folder together with {@code year}
     * @param year "2007", "2012", … or null when {@code path} is the year folder
     */
    public static VocDataset open(Path path, String year) {
        Path root = year == null ? path : path.resolve("VOC" + year);
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("Pascal VOC: no such folder " + root
                    + (year == null ? "" : " (expected VOCdevkit/VOC" + year + ")"));
        }
        return new VocDataset(root);
    }

    public Path root() {
        return root;
    }

    /** Image ids of {@code ImageSets/Main/SPLIT.txt} (train, val, trainval, test). */
    public List<String> mainIds(String split) {
        requireFolder("JPEGImages");
        requireFolder("Annotations");
        return ids(requireFolder("ImageSets/Main").resolve(split + ".txt"));
    }

    /** Image ids of {@code ImageSets/Segmentation/SPLIT.txt}. */
    public List<String> segmentationIds(String split) {
        requireFolder("JPEGImages");
        requireFolder("SegmentationClass");
        return ids(requireFolder("ImageSets/Segmentation").resolve(split + ".txt"));
    }

    public Path image(String id) {
        return root.resolve("JPEGImages").resolve(id + ".jpg");
    }

    public VocAnnotation annotation(String id) {
        Path xml = root.resolve("Annotations").resolve(id + ".xml");
        if (!Files.isRegularFile(xml)) {
            throw new IllegalArgumentException("Pascal VOC: annotation missing for image " + id + ": " + xml);
        }
        return VocXml.parse(xml);
    }

    /** The class map of {@code id}. */
    public LabelMap mask(String id) {
        return mask(root.resolve("SegmentationClass").resolve(id + ".png"));
    }

    /** A SegmentationClass PNG: 0–20, ignore for 255; any other value is an error naming the file. */
    public static LabelMap mask(Path png) {
        return MaskReader.read(png, VocClasses.SEGMENTATION_CLASSES,
                v -> v == VocClasses.SEGMENTATION_IGNORE ? LabelMap.IGNORE : v);
    }

    /** The images of {@code ImageSets/Segmentation/SPLIT.txt} with their SegmentationClass masks. */
    public List<SegmentationSample> segmentationSamples(String split) {
        List<SegmentationSample> out = new ArrayList<>();
        for (String id : segmentationIds(split)) {
            out.add(new SegmentationSample(id, image(id), root.resolve("SegmentationClass").resolve(id + ".png")));
        }
        return out;
    }

    /**
     * Image-level classification ground truth, the devkit's rule: per class, 1 if the image has a
     * non-difficult object of the class, 0 ("difficult": left out of that class's AP) if it has only
     * difficult ones, -1 otherwise.
     */
    public static int[] imageLabels(VocAnnotation annotation) {
        int[] gt = new int[VocClasses.NAMES.size()];
        java.util.Arrays.fill(gt, -1);
        for (VocObject o : annotation.objects()) {
            if (!o.difficult()) {
                gt[o.classIndex()] = 1;
            } else if (gt[o.classIndex()] < 0) {
                gt[o.classIndex()] = 0;
            }
        }
        return gt;
    }

    private Path requireFolder(String relative) {
        Path p = root.resolve(relative);
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException("Pascal VOC: required folder " + p + " is missing");
        }
        return p;
    }

    private static List<String> ids(Path list) {
        if (!Files.isRegularFile(list)) {
            throw new IllegalArgumentException("Pascal VOC: image set file " + list + " is missing");
        }
        List<String> ids = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(list)) {
                String t = line.trim();
                if (!t.isEmpty()) {
                    // Per-class lists ("ID  1") share the format; the id is the first field.
                    ids.add(t.split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Pascal VOC: cannot read " + list + ": " + e.getMessage(), e);
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("Pascal VOC: image set file " + list + " lists no images");
        }
        return ids;
    }
}
