package io.vireo.eval.probe;

import java.util.List;

/**
 * Multinomial logistic regression probe settings.
 *
 * @param l2Grid             L2 strengths tried; the best on the validation split is refit on all training rows
 * @param validationFraction share of each training class held out to choose the L2 strength
 * @param maxIterations      L-BFGS iteration limit per fit
 * @param tolerance          L-BFGS gradient tolerance
 * @param seed               seeds the validation split
 */
public record LinearProbeConfig(List<Double> l2Grid, double validationFraction, int maxIterations, double tolerance,
                                long seed) {

    public static final List<Double> DEFAULT_GRID = List.of(1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0);

    public LinearProbeConfig {
        l2Grid = List.copyOf(l2Grid);
        if (l2Grid.isEmpty()) {
            throw new IllegalArgumentException("l2Grid: needs at least one value");
        }
        for (double l2 : l2Grid) {
            if (!(l2 >= 0) || Double.isInfinite(l2)) {
                throw new IllegalArgumentException("l2Grid: values must be finite and >= 0, got " + l2);
            }
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction: must be in (0, 1), got " + validationFraction);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations: must be >= 1, got " + maxIterations);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance: must be > 0, got " + tolerance);
        }
    }

    public static LinearProbeConfig defaults() {
        return new LinearProbeConfig(DEFAULT_GRID, 0.2, 500, 1e-6, 0);
    }

    public Lbfgs.Settings lbfgs() {
        return new Lbfgs.Settings(10, maxIterations, tolerance);
    }
}
