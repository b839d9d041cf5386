package io.vireo.eval.probe;

import java.util.Map;

/**
 * What one probe measured on a test set.
 *
 * @param probe    "linear", "mlp" or "knn"
 * @param top1     share of test rows whose best-scored class is the true one
 * @param top5     the same for the best min(5, classes) classes
 * @param testSize rows scored
 * @param settings every setting that produced the figures (chosen L2, grid, k, temperature, …)
 */
public record ProbeResult(String probe, double top1, double top5, int testSize, Map<String, Object> settings) {
    public ProbeResult {
        // Keeps insertion order so reports list settings the way the probe describes them.
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }
}
