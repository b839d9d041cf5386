package io.vireo.training.pretext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

import io.vireo.training.data.SyntheticShapesSource;

class PretextTransformsTest {

    /** An image whose pixel (x, y) encodes its position: B = 4x, G = 4y, R = 128 (for geometry checks). */
    static Mat coordinateImage(int side) {
        Mat m = new Mat(side, side, CV_8UC3);
        byte[] data = new byte[side * side * 3];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int o = (y * side + x) * 3;
                data[o] = (byte) (4 * x);
                data[o + 1] = (byte) (4 * y);
                data[o + 2] = (byte) 128;
            }
        }
        m.data().put(data);
        return m;
    }

    /** Channel plane c (0 = R, 1 = G, 2 = B) value at (x, y) of a CHW array, de-normalised back to 0–255. */
    static double pixel(float[] chw, int side, int c, int x, int y) {
        double[] mean = {0.485, 0.456, 0.406};
        double[] std = {0.229, 0.224, 0.225};
        return (chw[c * side * side + y * side + x] * std[c] + mean[c]) * 255;
    }

    @Test
    void rotationTurnsCounterClockwiseByQuarterTurns() {
        Mat img = coordinateImage(16);
        Rotation r = new Rotation(16);
        float[] r0 = r.apply(img, 0);
        float[] r1 = r.apply(img, 1);
        float[] r2 = r.apply(img, 2);
        // k = 0: top-right pixel has x = 15 (B = 60), y = 0.
        assertThat(pixel(r0, 16, 2, 15, 0)).isCloseTo(60, org.assertj.core.api.Assertions.within(0.6));
        // k = 1 (90° CCW): the old top-right corner moves to the top-left.
        assertThat(pixel(r1, 16, 2, 0, 0)).isCloseTo(60, org.assertj.core.api.Assertions.within(0.6));
        assertThat(pixel(r1, 16, 1, 0, 0)).isCloseTo(0, org.assertj.core.api.Assertions.within(0.6));
        // k = 2: the old bottom-right (x = y = 15) is at the top-left.
        assertThat(pixel(r2, 16, 2, 0, 0)).isCloseTo(60, org.assertj.core.api.Assertions.within(0.6));
        assertThat(pixel(r2, 16, 1, 0, 0)).isCloseTo(60, org.assertj.core.api.Assertions.within(0.6));
        assertThat(r.apply(img, 3)).isNotEqualTo(r1);
        assertThatThrownBy(() -> new Rotation(4)).hasMessageStartingWith("rotation.size");
    }

    @Test
    void relativePatchLocationTakesTheNeighbourFromTheLabelledCellWithJitter() {
        Mat img = coordinateImage(48);   // grid image = 3 × 16 = 48, no resize
        RelativePatchLocation rpl = new RelativePatchLocation(new PatchGrid(16, 12));
        Set<Integer> labels = new HashSet<>();
        Set<Double> centreOffsets = new HashSet<>();
        for (int seed = 0; seed < 64; seed++) {
            RelativePatchLocation.Example e = rpl.apply(img, new SplittableRandom(seed));
            labels.add(e.label());
            int[] rc = RelativePatchLocation.position(e.label());
            double x0 = pixel(e.neighbour(), 12, 2, 0, 0) / 4, y0 = pixel(e.neighbour(), 12, 1, 0, 0) / 4;
            assertThat(x0).isBetween(rc[1] * 16 - 0.2, rc[1] * 16 + 4.2);   // inside the labelled cell
            assertThat(y0).isBetween(rc[0] * 16 - 0.2, rc[0] * 16 + 4.2);
            double cx = pixel(e.centre(), 12, 2, 0, 0) / 4;
            assertThat(cx).isBetween(16 - 0.2, 20.2);
            centreOffsets.add((double) Math.round(cx));
            // Deterministic given the seed.
            assertThat(rpl.apply(img, new SplittableRandom(seed)).neighbour()).isEqualTo(e.neighbour());
        }
        assertThat(labels).hasSize(8);
        assertThat(centreOffsets.size()).as("jitter moves the patch").isGreaterThan(1);
        assertThatThrownBy(() -> new PatchGrid(10, 12)).hasMessageContaining("patch.cell");
    }

    @Test
    void permutationSetHasRequestedSizeLargeMinimalDistanceAndIsDeterministic() {
        PermutationSet set = PermutationSet.maximalHamming(100, 1);
        assertThat(set.size()).isEqualTo(100);
        int[][] perms = new int[100][];
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            perms[i] = set.permutation(i);
            assertThat(perms[i]).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8);
            distinct.add(java.util.Arrays.toString(perms[i]));
        }
        assertThat(distinct).hasSize(100);
        int independentMin = Integer.MAX_VALUE;
        for (int a = 0; a < 100; a++) {
            for (int b = a + 1; b < 100; b++) {
                int d = 0;
                for (int j = 0; j < 9; j++) {
                    d += perms[a][j] != perms[b][j] ? 1 : 0;
                }
                independentMin = Math.min(independentMin, d);
            }
        }
        assertThat(set.minDistance()).isEqualTo(independentMin);
        // 100 random permutations almost surely contain a close pair (distance ≤ 4); max-min selection must beat that.
        SplittableRandom r = new SplittableRandom(3);
        int[][] random = new int[100][];
        for (int i = 0; i < 100; i++) {
            int[] p = {0, 1, 2, 3, 4, 5, 6, 7, 8};
            for (int k = 8; k > 0; k--) {
                int j = r.nextInt(k + 1);
                int t = p[k];
                p[k] = p[j];
                p[j] = t;
            }
            random[i] = p;
        }
        System.out.printf("jigsaw permutation set of 100: min Hamming distance %d (100 random permutations: %d)%n",
                independentMin, PermutationSet.minPairwiseDistance(random));
        assertThat(independentMin).isGreaterThan(PermutationSet.minPairwiseDistance(random)).isGreaterThanOrEqualTo(6);
        assertThat(PermutationSet.maximalHamming(100, 1).permutation(57)).containsExactly(set.permutation(57));
        assertThat(PermutationSet.maximalHamming(4, 9).minDistance()).isEqualTo(9); // 4 permutations can be fully disjoint
        assertThatThrownBy(() -> PermutationSet.maximalHamming(1, 1)).hasMessageStartingWith("jigsaw.permutations");
    }

    @Test
    void jigsawShufflesTilesByTheLabelledPermutation() {
        Mat img = coordinateImage(48);
        PermutationSet set = PermutationSet.maximalHamming(10, 2);
        Jigsaw jigsaw = new Jigsaw(new PatchGrid(16, 16), set); // no jitter: tiles are exact cells
        Jigsaw.Example e = jigsaw.apply(img, new SplittableRandom(5));
        int[] perm = set.permutation(e.label());
        for (int j = 0; j < 9; j++) {
            int tile = perm[j];
            assertThat(pixel(e.tiles()[j], 16, 2, 0, 0) / 4).as("position %d", j).isCloseTo((tile % 3) * 16, org.assertj.core.api.Assertions.within(0.2));
            assertThat(pixel(e.tiles()[j], 16, 1, 0, 0) / 4).isCloseTo((tile / 3) * 16, org.assertj.core.api.Assertions.within(0.2));
        }
    }

    @Test
    void exemplarAndMultiCropProduceDeterministicDistinctViews() {
        Mat img = new SyntheticShapesSource(4, 4, 64, 1).read(0).image();
        float[][] ex = ExemplarViews.heavy(32, 4).apply(img, new SplittableRandom(1));
        assertThat(ex).hasNumberOfRows(4);
        assertThat(ex[0]).hasSize(3 * 32 * 32).isNotEqualTo(ex[1]);
        assertThat(ExemplarViews.heavy(32, 4).apply(img, new SplittableRandom(1))[2]).isEqualTo(ex[2]);

        MultiCropViews mc = MultiCropViews.relicV2(32, 6);
        assertThat(mc.smallSize()).isEqualTo(14);
        MultiCropViews.Views v = mc.apply(img, new SplittableRandom(2), new SaliencyMask());
        assertThat(v.large()).hasNumberOfRows(2);
        assertThat(v.small()).hasNumberOfRows(6);
        assertThat(v.large()[0]).hasSize(3 * 32 * 32);
        assertThat(v.small()[0]).hasSize(3 * 14 * 14);
        assertThat(mc.apply(img, new SplittableRandom(2), new SaliencyMask()).small()[5]).isEqualTo(v.small()[5]);
        assertThatThrownBy(() -> new MultiCropViews(2, 7, 32, 14, 0.14, 1, 0.05, 0.14, 0.1)).hasMessageStartingWith("relic.smallCrops");
        assertThatThrownBy(() -> new MultiCropViews(2, 2, 32, 40, 0.14, 1, 0.05, 0.14, 0.1)).hasMessageStartingWith("relic.smallSize");
    }

    @Test
    void backgroundRemovalHappensOnAboutTenPercentOfLargeCrops() {
        Mat img = new SyntheticShapesSource(4, 4, 64, 1).read(1).image();
        MultiCropViews mc = MultiCropViews.relicV2(32, 0);
        SaliencyMask sal = new SaliencyMask();
        int removed = 0, crops = 0;
        for (int seed = 0; seed < 300; seed++) {
            removed += mc.apply(img, new SplittableRandom(seed), sal).backgroundRemoved();
            crops += mc.large();
        }
        double rate = removed / (double) crops;
        System.out.printf("background removed on %d of %d large crops (%.3f)%n", removed, crops, rate);
        assertThat(rate).isBetween(0.06, 0.14); // binomial(600, 0.1): ±4 σ
    }

    @Test
    void saliencyMaskKeepsASmallObjectAndDropsTheFlatBackground() {
        Mat img = new Mat(96, 96, CV_8UC3, new Scalar(60, 60, 60, 0));
        // A textured background would compete; a flat one must be removed almost entirely.
        org.bytedeco.opencv.global.opencv_imgproc.circle(img, new org.bytedeco.opencv.opencv_core.Point(30, 62), 12,
                new Scalar(40, 200, 240, 0), -1, org.bytedeco.opencv.global.opencv_imgproc.LINE_AA, 0);
        SaliencyMask sal = new SaliencyMask();
        Mat mask = sal.foreground(img);
        assertThat(mask.rows()).isEqualTo(96);
        assertThat(mask.ptr(62, 30).get() & 0xff).as("object centre kept").isEqualTo(255);
        assertThat(mask.ptr(5, 90).get() & 0xff).as("far corner removed").isEqualTo(0);
        double kept = SaliencyMask.keptFraction(mask);
        System.out.printf("saliency mask keeps %.3f of the image (object covers %.3f)%n", kept, Math.PI * 144 / (96 * 96));
        assertThat(kept).isBetween(0.03, 0.5);
        Mat out = sal.removeBackground(img);
        assertThat(out.ptr(5, 90).get() & 0xff).isEqualTo(124);      // grey (B of the ImageNet mean)
        assertThat(out.ptr(62, 30).get() & 0xff).isEqualTo(img.ptr(62, 30).get() & 0xff);
    }
}
