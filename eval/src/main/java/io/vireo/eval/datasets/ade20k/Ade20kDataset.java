package io.vireo.eval.datasets.ade20k;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.vireo.eval.datasets.masks.LabelMap;
import io.vireo.eval.datasets.masks.MaskReader;
import io.vireo.eval.segmentation.SegmentationSample;

/**
 * ADE20K as released for the scene-parsing benchmark: {@code ADEChallengeData2016/images/{training,
 * validation}/ADE_*.jpg} and {@code annotations/{training,validation}/ADE_*.png} (8-bit grey; 0 =
 * "other", not scored; 1–150 the classes, shifted here to 0–149).
 */
public final class Ade20kDataset {

    public static final int CLASSES = 150;
    public static final List<String> SPLITS = List.of("training", "validation");

    private final Path root;

    private Ade20kDataset(Path root) {
        this.root = root;
    }

    public static Ade20kDataset open(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("ADE20K: no such folder " + root + " (expected ADEChallengeData2016)");
        }
        for (String split : SPLITS) {
            for (String kind : List.of("images", "annotations")) {
                Path p = root.resolve(kind).resolve(split);
                if (!Files.isDirectory(p)) {
                    throw new IllegalArgumentException("ADE20K: required folder " + p + " is missing");
                }
            }
        }
        return new Ade20kDataset(root);
    }

    /** Every image of {@code split} with its annotation, sorted by name; a missing annotation is an error naming it. */
    public List<SegmentationSample> samples(String split) {
        if (!SPLITS.contains(split)) {
            throw new IllegalArgumentException("ADE20K: split must be one of " + SPLITS + ", got '" + split + "'");
        }
        Path images = root.resolve("images").resolve(split);
        List<SegmentationSample> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(images)) {
            for (Path img : s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jpg"))
                    .sorted().toList()) {
                String stem = img.getFileName().toString().replaceFirst("(?i)\\.jpg$", "");
                Path mask = root.resolve("annotations").resolve(split).resolve(stem + ".png");
                if (!Files.isRegularFile(mask)) {
                    throw new IllegalArgumentException("ADE20K: annotation missing for " + img + ": " + mask);
                }
                out.add(new SegmentationSample(stem, img, mask));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("ADE20K: cannot list " + images + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("ADE20K: no .jpg images in " + images);
        }
        return out;
    }

    /** 0 → ignore, 1–150 → 0–149; anything above 150 is an error naming the file. */
    public static LabelMap mask(Path png) {
        return MaskReader.read(png, CLASSES, v -> v == 0 ? LabelMap.IGNORE : v - 1);
    }
}
