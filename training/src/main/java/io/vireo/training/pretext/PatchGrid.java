package io.vireo.training.pretext;

import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * The 3×3 patch grid of relative patch location and jigsaw: the image is resized to 3·cell pixels a
 * side, and patch (r, c) is a patch × patch square placed at a random offset inside its cell. The
 * offset is the jitter; cell − patch is the maximal gap between neighbours. Doersch et al. use gaps
 * and jitter so the network cannot solve the task from low-level cues (continuing edges and textures
 * across patch borders) instead of object parts.
 */
public record PatchGrid(int cell, int patch) {
    public static final int SIDE = 3;

    public PatchGrid {
        if (patch < 8) {
            throw new IllegalArgumentException("patch.size: must be >= 8, got " + patch);
        }
        if (cell < patch) {
            throw new IllegalArgumentException("patch.cell: " + cell + " is smaller than patch.size " + patch);
        }
    }

    /** The image at grid resolution (3·cell pixels a side). */
    public Mat gridImage(Mat bgr) {
        return Chw.resized(bgr, SIDE * cell);
    }

    /** Patch at grid position (row, col), jittered inside its cell; a copy. */
    public Mat patch(Mat gridImage, int row, int col, SplittableRandom rnd) {
        int slack = cell - patch;
        int x = col * cell + (slack == 0 ? 0 : rnd.nextInt(slack + 1));
        int y = row * cell + (slack == 0 ? 0 : rnd.nextInt(slack + 1));
        return new Mat(gridImage, new Rect(x, y, patch, patch)).clone();
    }
}
