package io.vireo.eval.ris;

/**
 * RIS of one factor.
 *
 * @param sets        sets with ≥ 3 images (the ones that count)
 * @param firingPercent p of the definition
 */
public record RisResult(String factor, double ris10, double ris25, int images, int classes, int sets,
                        double firingPercent) {
}
