package io.vireo.training.pretext;

import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Relative patch location (Doersch et al. 2015): the centre patch of a 3×3 grid and one of its 8
 * neighbours; the label is the neighbour's position (0 = top-left … 7 = bottom-right, row-major,
 * centre skipped). Chance is 12.5 %.
 */
public record RelativePatchLocation(PatchGrid grid) {
    public static final int CLASSES = 8;
    private static final int[][] NEIGHBOURS = {{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 2}, {2, 0}, {2, 1}, {2, 2}};

    /** @return centre and neighbour patches (CHW) and the neighbour's position */
    public Example apply(Mat bgr, SplittableRandom rnd) {
        Mat g = grid.gridImage(bgr);
        int label = rnd.nextInt(CLASSES);
        float[] centre = Chw.of(grid.patch(g, 1, 1, rnd));
        float[] neighbour = Chw.of(grid.patch(g, NEIGHBOURS[label][0], NEIGHBOURS[label][1], rnd));
        return new Example(centre, neighbour, label);
    }

    /** Grid position (row, col) of a label; for tests and visualisation. */
    public static int[] position(int label) {
        return NEIGHBOURS[label].clone();
    }

    public record Example(float[] centre, float[] neighbour, int label) {
    }
}
