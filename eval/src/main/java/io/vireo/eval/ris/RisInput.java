package io.vireo.eval.ris;

import java.util.List;
import java.util.function.IntFunction;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The images of one factor's RIS measurement: each image (already cropped to its object) with a
 * class id, grouped into sets of one instance under the varying factor.
 *
 * @param factor "viewpoint", "illumination-direction", … — names the figure in reports
 * @param count  number of images
 * @param image  decodes image i (BGR 8-bit); called once per image
 * @param names  a name per image (file path or generated description), for error messages and indexes
 */
public record RisInput(String factor, int count, IntFunction<Mat> image, List<String> names, int[] classes,
                       List<int[]> sets) {
    public RisInput {
        names = List.copyOf(names);
        sets = List.copyOf(sets);
        if (names.size() != count || classes.length != count) {
            throw new IllegalArgumentException("RIS input '" + factor + "': " + count + " images, " + names.size()
                    + " names, " + classes.length + " classes");
        }
        for (int[] s : sets) {
            for (int r : s) {
                if (r < 0 || r >= count) {
                    throw new IllegalArgumentException("RIS input '" + factor + "': set row " + r + " outside 0.." + (count - 1));
                }
            }
        }
    }
}
