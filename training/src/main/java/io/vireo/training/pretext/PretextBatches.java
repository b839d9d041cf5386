package io.vireo.training.pretext;

import java.util.Map;
import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.augment.Batch;
import io.vireo.training.augment.MocoV2Augment;
import io.vireo.training.data.ImageSource;
import io.vireo.training.data.SourcePosition;

/**
 * Builds the {@link Batch} each method's objective expects from source images. Every method reuses the
 * trainer's Batch record; what {@code first}, {@code second} and {@code labels} hold is documented per
 * method here and in training/README.md ("Methods"). Example e's randomness comes from a generator
 * seeded by (seed, dataset index), so batches are reproducible and independent of batching.
 * Multi-image examples are laid out example-major (all images of example 0, then example 1, …).
 */
public final class PretextBatches {
    private PretextBatches() {
    }

    /** first = 4N images (each image at rotations 0, 1, 2, 3), labels = rotation. */
    public static Batch rotation(ImageSource source, long[] indices, Rotation task, long batchIndex) {
        int s = task.outSize();
        float[][] views = new float[indices.length * Rotation.CLASSES][];
        int[] labels = new int[views.length];
        for (int i = 0; i < indices.length; i++) {
            Mat img = source.read(indices[i]).image();
            for (int k = 0; k < Rotation.CLASSES; k++) {
                views[i * Rotation.CLASSES + k] = task.apply(img, k);
                labels[i * Rotation.CLASSES + k] = k;
            }
        }
        return new Batch(batchIndex, stack(views, s), null, labels, position());
    }

    /** first = centre patches (N), second = neighbour patches (N), labels = neighbour position 0–7. */
    public static Batch relativePatchLocation(ImageSource source, long[] indices, RelativePatchLocation task, long seed,
                                              long batchIndex) {
        int p = task.grid().patch();
        float[][] centres = new float[indices.length][];
        float[][] neighbours = new float[indices.length][];
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            RelativePatchLocation.Example e = task.apply(source.read(indices[i]).image(), rng(seed, indices[i]));
            centres[i] = e.centre();
            neighbours[i] = e.neighbour();
            labels[i] = e.label();
        }
        return new Batch(batchIndex, stack(centres, p), stack(neighbours, p), labels, position());
    }

    /** first = 9N shuffled tiles (example-major), labels = permutation index. */
    public static Batch jigsaw(ImageSource source, long[] indices, Jigsaw task, long seed, long batchIndex) {
        int p = task.grid().patch();
        float[][] tiles = new float[indices.length * PermutationSet.TILES][];
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            Jigsaw.Example e = task.apply(source.read(indices[i]).image(), rng(seed, indices[i]));
            System.arraycopy(e.tiles(), 0, tiles, i * PermutationSet.TILES, PermutationSet.TILES);
            labels[i] = e.label();
        }
        return new Batch(batchIndex, stack(tiles, p), null, labels, position());
    }

    /** first = V·N views (example-major), labels = position of the source image in the batch (the triplet groups). */
    public static Batch exemplar(ImageSource source, long[] indices, ExemplarViews task, long seed, long batchIndex) {
        int v = task.views();
        float[][] views = new float[indices.length * v][];
        int[] groups = new int[views.length];
        for (int i = 0; i < indices.length; i++) {
            float[][] e = task.apply(source.read(indices[i]).image(), rng(seed, indices[i]));
            for (int j = 0; j < v; j++) {
                views[i * v + j] = e[j];
                groups[i * v + j] = i;
            }
        }
        return new Batch(batchIndex, stack(views, task.augment().outSize()), null, groups, position());
    }

    /**
     * first = L·N large views (view-major: all examples' view 0, then view 1, …), second = S·N small
     * views (view-major) or null when S = 0, labels = the source labels (unused by training).
     */
    public static Batch multiCrop(ImageSource source, long[] indices, MultiCropViews task, SaliencyMask saliency,
                                  long seed, long batchIndex) {
        int n = indices.length;
        float[][] large = new float[task.large() * n][];
        float[][] small = new float[task.small() * n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            var img = source.read(indices[i]);
            MultiCropViews.Views v = task.apply(img.image(), rng(seed, indices[i]), saliency);
            for (int j = 0; j < task.large(); j++) {
                large[j * n + i] = v.large()[j];
            }
            for (int j = 0; j < task.small(); j++) {
                small[j * n + i] = v.small()[j];
            }
            labels[i] = img.label();
        }
        return new Batch(batchIndex, stack(large, task.largeSize()), task.small() == 0 ? null : stack(small, task.smallSize()),
                labels, position());
    }

    /**
     * PIRL: first = N original images (one MoCo v2 view each), second = 9N jigsaw tiles (example-major),
     * labels = dataset indices (the memory bank rows).
     */
    public static Batch pirl(ImageSource source, long[] indices, MocoV2Augment view, Jigsaw jigsaw, long seed, long batchIndex) {
        int n = indices.length;
        float[][] originals = new float[n][];
        float[][] tiles = new float[n * PermutationSet.TILES][];
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            Mat img = source.read(indices[i]).image();
            SplittableRandom r = rng(seed, indices[i]);
            originals[i] = view.apply(img, r.split());
            System.arraycopy(jigsaw.apply(img, r.split()).tiles(), 0, tiles, i * PermutationSet.TILES, PermutationSet.TILES);
            rows[i] = Math.toIntExact(indices[i]);
        }
        return new Batch(batchIndex, stack(originals, view.outSize()), stack(tiles, jigsaw.grid().patch()), rows, position());
    }

    /** Supervised baseline: first = one augmented view per image, labels = class labels. */
    public static Batch supervised(ImageSource source, long[] indices, MocoV2Augment view, long seed, long batchIndex) {
        float[][] views = new float[indices.length][];
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            var img = source.read(indices[i]);
            if (img.label() < 0) {
                throw new IllegalArgumentException("method: 'supervised' needs a labelled source; image " + indices[i] + " has no label");
            }
            views[i] = view.apply(img.image(), rng(seed, indices[i]));
            labels[i] = img.label();
        }
        return new Batch(batchIndex, stack(views, view.outSize()), null, labels, position());
    }

    /** Consecutive indices [from, from + n). */
    public static long[] range(long from, int n) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            r[i] = from + i;
        }
        return r;
    }

    static INDArray stack(float[][] chw, int side) {
        int per = 3 * side * side;
        float[] all = new float[chw.length * per];
        for (int i = 0; i < chw.length; i++) {
            if (chw[i].length != per) {
                throw new IllegalStateException("view " + i + " has " + chw[i].length + " values, expected " + per);
            }
            System.arraycopy(chw[i], 0, all, i * per, per);
        }
        return Nd4j.create(all, new long[] {chw.length, 3, side, side}, 'c');
    }

    static SplittableRandom rng(long seed, long index) {
        return new SplittableRandom(mix(seed ^ mix(index + 0x9E3779B97F4A7C15L)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static SourcePosition position() {
        return new SourcePosition(Map.of());
    }
}
