package io.vireo.training;

import java.time.Duration;
import java.util.Map;

/**
 * One step's report.
 *
 * @param step           1-based number of completed steps
 * @param totalSteps     steps the run will make; -1 when it has no planned end (following a growing source)
 * @param imagesPerSecond training throughput over the recent window (pairs of views per second)
 * @param eta            estimated time to finish at that throughput (zero when open-ended)
 */
public record Progress(long step, long totalSteps, double loss, double lr, double imagesPerSecond, Duration eta,
                       Map<String, Double> metrics) {
}
