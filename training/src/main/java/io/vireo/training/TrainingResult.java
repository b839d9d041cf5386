package io.vireo.training;

import java.nio.file.Path;
import java.util.List;

import io.vireo.training.objective.Objective;

/**
 * @param firstStep  0-based step this invocation started at (> 0 when resumed)
 * @param losses     loss of each step run by this invocation
 * @param checkpoint the checkpoint written at the end
 * @param metricsLog JSON-lines metrics file
 * @param objective  the trained objective (its encoder() is the representation)
 */
public record TrainingResult(long firstStep, List<Double> losses, Path checkpoint, Path metricsLog, Objective objective) {
}
