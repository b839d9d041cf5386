package io.vireo.eval.ris;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.vireo.eval.images.ImageSet;
import io.vireo.eval.images.Images;
import io.vireo.eval.images.LabeledPath;

/**
 * RIS sets from an ALOI-style layout: one folder per factor (e.g. ALOI's {@code aloi_red4_view/png4},
 * {@code aloi_red4_ill/png4}, {@code aloi_red4_col/png4}), inside it one folder per object whose
 * images show that object under the varying condition ({@code 1/1_r0.png}, {@code 1/1_r5.png}, …).
 * Each object folder is one set. ALOI has no categories, so, as the reference procedure does
 * when no classes are given, each object is its own class. ALOI images show the object on black,
 * so the whole image is the object crop.
 */
public final class AloiSets {

    private AloiSets() {
    }

    public static RisInput scan(Path factorRoot, String factor) {
        ImageSet set = ImageSet.folder(factorRoot);
        if (!set.labelled()) {
            throw new IllegalArgumentException("ALOI layout: " + factorRoot + " has images but no object folders");
        }
        List<LabeledPath> images = set.images();
        List<int[]> sets = new ArrayList<>();
        int[] classes = set.labels();
        for (int object = 0; object < set.classNames().size(); object++) {
            final int o = object;
            int[] rows = java.util.stream.IntStream.range(0, images.size()).filter(i -> classes[i] == o).toArray();
            if (rows.length > 0) {
                sets.add(rows);
            }
        }
        return new RisInput(factor, images.size(), i -> Images.readBgr(images.get(i).path()),
                images.stream().map(p -> p.path().toString()).toList(), classes, sets);
    }

    /** Factor folders directly under {@code root} (each scanned with {@link #scan}), by folder name. */
    public static List<RisInput> scanAll(Path root) {
        List<RisInput> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
                out.add(scan(p, p.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("ALOI layout: cannot list " + root + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("ALOI layout: no factor folders in " + root);
        }
        return out;
    }
}
