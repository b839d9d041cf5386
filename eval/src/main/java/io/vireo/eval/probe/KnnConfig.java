package io.vireo.eval.probe;

/**
 * Weighted cosine kNN settings (InstDisc / DINO protocol: k = 20, T = 0.07).
 *
 * @param k           neighbours that vote
 * @param temperature each neighbour votes exp(cos / T) for its class
 * @param chunkRows   test rows per similarity block (bounds memory: chunk × train doubles)
 */
public record KnnConfig(int k, double temperature, int chunkRows) {
    public KnnConfig {
        if (k < 1) {
            throw new IllegalArgumentException("k: must be >= 1, got " + k);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature: must be a positive finite number, got " + temperature);
        }
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows: must be >= 1, got " + chunkRows);
        }
    }

    public static KnnConfig defaults() {
        return new KnnConfig(20, 0.07, 256);
    }
}
