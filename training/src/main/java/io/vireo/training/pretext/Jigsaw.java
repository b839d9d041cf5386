package io.vireo.training.pretext;

import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Jigsaw (Noroozi &amp; Favaro 2016): the 9 tiles of a 3×3 grid (gaps and jitter as in {@link PatchGrid}),
 * shuffled by a permutation drawn from a fixed {@link PermutationSet}; the label is the permutation's
 * index. Chance is 1/|set|.
 */
public record Jigsaw(PatchGrid grid, PermutationSet permutations) {

    /** @return the 9 tiles in shuffled order (each CHW) and the permutation index */
    public Example apply(Mat bgr, SplittableRandom rnd) {
        return apply(bgr, rnd.nextInt(permutations.size()), rnd);
    }

    public Example apply(Mat bgr, int permutationIndex, SplittableRandom rnd) {
        Mat g = grid.gridImage(bgr);
        float[][] tiles = new float[PermutationSet.TILES][];
        for (int t = 0; t < PermutationSet.TILES; t++) {
            tiles[t] = Chw.of(grid.patch(g, t / PatchGrid.SIDE, t % PatchGrid.SIDE, rnd));
        }
        int[] perm = permutations.permutation(permutationIndex);
        float[][] shuffled = new float[PermutationSet.TILES][];
        for (int j = 0; j < PermutationSet.TILES; j++) {
            shuffled[j] = tiles[perm[j]];
        }
        return new Example(shuffled, permutationIndex);
    }

    public record Example(float[][] tiles, int label) {
    }
}
