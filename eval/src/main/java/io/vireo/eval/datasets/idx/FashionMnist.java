package io.vireo.eval.datasets.idx;

import java.nio.file.Path;
import java.util.List;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Fashion-MNIST as distributed ({@code {train,t10k}-{images-idx3,labels-idx1}-ubyte.gz}): 60k/10k
 * 28×28 grey images in 10 classes, with an official held-out test split.
 */
public final class FashionMnist {

    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Images and labels of one split. */
    public record Split(Idx.Images images, int[] labels) {
        public Split {
            if (images.count() != labels.length) {
                throw new IllegalArgumentException("Fashion-MNIST: " + images.count() + " images but " + labels.length + " labels");
            }
        }

        /** Image {@code i} as an 8-bit BGR Mat (grey replicated), the layout the encoders' transforms take. */
        public Mat bgr(int i) {
            int rows = images.rows();
            int cols = images.cols();
            Mat grey = new Mat(rows, cols, opencv_core.CV_8UC1);
            grey.data().put(images.pixels(), i * rows * cols, rows * cols);
            Mat bgr = new Mat();
            opencv_imgproc.cvtColor(grey, bgr, opencv_imgproc.COLOR_GRAY2BGR);
            grey.close();
            return bgr;
        }
    }

    private FashionMnist() {
    }

    /** @param split "train" or "t10k" */
    public static Split load(Path root, String split) {
        if (!split.equals("train") && !split.equals("t10k")) {
            throw new IllegalArgumentException("Fashion-MNIST split must be train or t10k, got '" + split + "'");
        }
        return new Split(Idx.images(file(root, split + "-images-idx3-ubyte")), Idx.labels(file(root, split + "-labels-idx1-ubyte")));
    }

    private static Path file(Path root, String stem) {
        Path gz = root.resolve(stem + ".gz");
        return java.nio.file.Files.exists(gz) ? gz : root.resolve(stem);
    }
}
