package io.vireo.training.objective;

/**
 * PIRL hyper-parameters (Misra &amp; van der Maaten 2020: τ 0.07, λ 0.5, memory bank momentum 0.5,
 * 32,000 negatives at ImageNet scale).
 *
 * @param temperature  τ of the NCE similarity
 * @param lambda       weight of the transformed (jigsaw) image's term; 1 − λ for the original's
 * @param bankMomentum running-average momentum of the memory bank
 * @param negatives    memory-bank negatives drawn per step
 * @param dim          embedding and memory-bank dimension
 * @param optimiser    heavy-ball SGD settings
 */
public record PirlSettings(double temperature, double lambda, double bankMomentum, int negatives, int dim,
                           PretextSettings optimiser) {
    public PirlSettings {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("pirl.temperature: must be > 0, got " + temperature);
        }
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("pirl.lambda: must be in [0, 1], got " + lambda);
        }
        if (!(bankMomentum >= 0 && bankMomentum < 1)) {
            throw new IllegalArgumentException("pirl.bankMomentum: must be in [0, 1), got " + bankMomentum);
        }
        if (negatives < 1) {
            throw new IllegalArgumentException("pirl.negatives: must be >= 1, got " + negatives);
        }
        if (dim < 1) {
            throw new IllegalArgumentException("pirl.dim: must be >= 1, got " + dim);
        }
        if (optimiser == null) {
            throw new IllegalArgumentException("pirl: optimiser settings must be set");
        }
    }

    public static PirlSettings defaults() {
        return new PirlSettings(0.07, 0.5, 0.5, 4096, 128, PretextSettings.defaults());
    }
}
