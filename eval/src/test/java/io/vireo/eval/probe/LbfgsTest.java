package io.vireo.eval.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LbfgsTest {

    @Test
    void findsTheMinimumOfAnIllConditionedQuadratic() {
        // f = Σ a_i (x_i - c_i)², a spread over four orders of magnitude.
        double[] a = {1e-2, 1, 10, 100};
        double[] c = {3, -1, 0.5, 2};
        Lbfgs.Result r = Lbfgs.minimize((x, g) -> {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                f += a[i] * (x[i] - c[i]) * (x[i] - c[i]);
                g[i] = 2 * a[i] * (x[i] - c[i]);
            }
            return f;
        }, new double[4], new Lbfgs.Settings(10, 200, 1e-10));
        assertThat(r.converged()).isTrue();
        for (int i = 0; i < 4; i++) {
            assertThat(r.x()[i]).isCloseTo(c[i], within(1e-6));
        }
    }

    @Test
    void walksTheRosenbrockValleyToOneOne() {
        Lbfgs.Result r = Lbfgs.minimize((x, g) -> {
            double p = x[1] - x[0] * x[0];
            double q = 1 - x[0];
            g[0] = -400 * x[0] * p - 2 * q;
            g[1] = 200 * p;
            return 100 * p * p + q * q;
        }, new double[] {-1.2, 1}, new Lbfgs.Settings(10, 1000, 1e-10));
        assertThat(r.x()[0]).isCloseTo(1, within(1e-5));
        assertThat(r.x()[1]).isCloseTo(1, within(1e-5));
    }
}
