package io.vireo.eval.probe;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, Algorithm 7.4/7.5) with a backtracking Armijo line
 * search, for smooth convex problems like L2-regularised softmax regression. Small and
 * dependency-free: the parameter vector is tiny (D·C), the cost is in the objective, which the
 * caller evaluates with matrix products.
 */
public final class Lbfgs {

    /** A differentiable objective: returns f(x) and writes ∇f(x) into {@code gradient}. */
    @FunctionalInterface
    public interface Objective {
        double evaluate(double[] x, double[] gradient);
    }

    /**
     * @param history       correction pairs kept (m)
     * @param maxIterations iterations before giving up (the result is still the best point reached)
     * @param tolerance     stop when ‖∇f‖∞ ≤ tolerance · max(1, |f|)
     */
    public record Settings(int history, int maxIterations, double tolerance) {
        public Settings {
            if (history < 1) {
                throw new IllegalArgumentException("lbfgs history must be >= 1, got " + history);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("lbfgs maxIterations must be >= 1, got " + maxIterations);
            }
            if (!(tolerance > 0)) {
                throw new IllegalArgumentException("lbfgs tolerance must be > 0, got " + tolerance);
            }
        }
    }

    /** @param converged whether the gradient test passed (false: iteration limit or no further progress) */
    public record Result(double[] x, double value, int iterations, boolean converged) {
    }

    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 40;

    private Lbfgs() {
    }

    public static Result minimize(Objective f, double[] start, Settings settings) {
        int n = start.length;
        int m = settings.history();
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.evaluate(x, g);
        double[][] s = new double[m][];
        double[][] y = new double[m][];
        double[] rho = new double[m];
        int stored = 0;
        int newest = -1;
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        for (int iter = 0; iter < settings.maxIterations(); iter++) {
            if (maxAbs(g) <= settings.tolerance() * Math.max(1, Math.abs(fx))) {
                return new Result(x, fx, iter, true);
            }
            double[] d = direction(g, s, y, rho, stored, newest, m);
            double slope = dot(g, d);
            if (slope >= 0) { // lost descent (numerical trouble): restart from steepest descent
                stored = 0;
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
                slope = dot(g, d);
            }
            // First step: scale so the trial move has unit length; later steps: the quasi-Newton step.
            double step = stored == 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int b = 0; b < MAX_BACKTRACKS; b++) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * d[i];
                }
                fNew = f.evaluate(xNew, gNew);
                if (Double.isFinite(fNew) && fNew <= fx + ARMIJO * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                return new Result(x, fx, iter, false);
            }
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int i = 0; i < n; i++) {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
            }
            double sy = dot(sk, yk);
            if (sy > 1e-12 * dot(yk, yk)) { // keep only pairs that preserve positive definiteness
                newest = (newest + 1) % m;
                s[newest] = sk;
                y[newest] = yk;
                rho[newest] = 1 / sy;
                stored = Math.min(stored + 1, m);
            }
            // Relative, not floored at 1: objectives that approach 0 keep improving in relative terms.
            boolean stalled = fx - fNew <= 1e-15 * Math.abs(fx);
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (stalled) {
                return new Result(x, fx, iter + 1, maxAbs(g) <= settings.tolerance() * Math.max(1, Math.abs(fx)));
            }
        }
        return new Result(x, fx, settings.maxIterations(), maxAbs(g) <= settings.tolerance() * Math.max(1, Math.abs(fx)));
    }

    /** Two-loop recursion: −H·g with the stored pairs, H0 = (s·y / y·y)·I. */
    private static double[] direction(double[] g, double[][] s, double[][] y, double[] rho, int stored, int newest, int m) {
        int n = g.length;
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = -g[i];
        }
        double[] alpha = new double[m];
        for (int k = 0; k < stored; k++) {
            int j = Math.floorMod(newest - k, m);
            alpha[j] = rho[j] * dot(s[j], q);
            axpy(-alpha[j], y[j], q);
        }
        if (stored > 0) {
            double gamma = 1 / (rho[newest] * dot(y[newest], y[newest]));
            for (int i = 0; i < n; i++) {
                q[i] *= gamma;
            }
        }
        for (int k = stored - 1; k >= 0; k--) {
            int j = Math.floorMod(newest - k, m);
            double beta = rho[j] * dot(y[j], q);
            axpy(alpha[j] - beta, s[j], q);
        }
        return q;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }
}
