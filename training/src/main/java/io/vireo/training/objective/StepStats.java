package io.vireo.training.objective;

import java.util.Map;

/** What one optimisation step reports: the loss and method-specific metrics (e.g. contrastive accuracy). */
public record StepStats(double loss, Map<String, Double> metrics) {
    public StepStats {
        metrics = Map.copyOf(metrics);
    }
}
