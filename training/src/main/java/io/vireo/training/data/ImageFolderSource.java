package io.vireo.training.data;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Images under a directory. If the directory has sub-directories, each is a class (ImageFolder
 * layout; labels are kept for probes); otherwise the images directly inside are one unlabeled set.
 * Files are ordered by path so indices are stable across runs.
 */
public final class ImageFolderSource implements ImageSource {
    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff");

    private final List<Path> files = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private final List<String> classes = new ArrayList<>();

    public ImageFolderSource(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("data.path: not a directory: " + root);
        }
        try {
            List<Path> dirs;
            try (Stream<Path> s = Files.list(root)) {
                dirs = s.filter(Files::isDirectory).sorted().toList();
            }
            if (dirs.isEmpty()) {
                addImages(root, LabeledImage.NO_LABEL);
            } else {
                for (Path d : dirs) {
                    classes.add(d.getFileName().toString());
                    addImages(d, classes.size() - 1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("data.path: cannot list " + root, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("data.path: no images (" + EXTENSIONS + ") under " + root);
        }
    }

    private void addImages(Path dir, int label) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(ImageFolderSource::isImage).sorted().toList()) {
                files.add(p);
                labels.add(label);
            }
        }
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    public long size() {
        return files.size();
    }

    @Override
    public LabeledImage read(long index) {
        Path p = files.get((int) index);
        Mat m = imread(p.toString(), IMREAD_COLOR);
        if (m == null || m.empty()) {
            throw new IllegalStateException("cannot decode image " + p);
        }
        return new LabeledImage(m, labels.get((int) index));
    }

    @Override
    public List<String> classNames() {
        return List.copyOf(classes);
    }
}
