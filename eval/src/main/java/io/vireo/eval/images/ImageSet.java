package io.vireo.eval.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An ordered list of labelled image files with class names by label index.
 *
 * @param classNames empty for an unlabelled set
 */
public record ImageSet(List<LabeledPath> images, List<String> classNames) {

    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff");

    public ImageSet {
        images = List.copyOf(images);
        classNames = List.copyOf(classNames);
    }

    /**
     * The ImageFolder layout (the same as training's {@code ImageFolderSource}): each
     * sub-directory of {@code root} is a class, its images (recursively) its examples; a root without
     * sub-directories is one unlabelled set. Sorted by path so row order is stable across runs.
     */
    public static ImageSet folder(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("image set: not a directory: " + root);
        }
        List<LabeledPath> images = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        try {
            List<Path> dirs;
            try (Stream<Path> s = Files.list(root)) {
                dirs = s.filter(Files::isDirectory).sorted().toList();
            }
            if (dirs.isEmpty()) {
                for (Path p : imagesUnder(root)) {
                    images.add(new LabeledPath(p, LabeledPath.NO_LABEL));
                }
            } else {
                for (Path d : dirs) {
                    classes.add(d.getFileName().toString());
                    for (Path p : imagesUnder(d)) {
                        images.add(new LabeledPath(p, classes.size() - 1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("image set: cannot list " + root, e);
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("image set: no images (" + EXTENSIONS + ") under " + root);
        }
        return new ImageSet(images, classes);
    }

    private static List<Path> imagesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(ImageSet::isImage).sorted().toList();
        }
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    public int size() {
        return images.size();
    }

    public boolean labelled() {
        return !classNames.isEmpty();
    }

    public int[] labels() {
        return images.stream().mapToInt(LabeledPath::label).toArray();
    }
}
