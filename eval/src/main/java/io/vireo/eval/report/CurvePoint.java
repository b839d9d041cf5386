package io.vireo.eval.report;

/** One training step's loss from a metrics log. */
public record CurvePoint(long step, double loss) {
}
