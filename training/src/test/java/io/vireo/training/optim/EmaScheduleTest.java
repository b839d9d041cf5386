package io.vireo.training.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.backend.TrainingBackend;

class EmaScheduleTest {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    @Test
    void cosineFromBaseToOne() {
        EmaSchedule s = new EmaSchedule(0.996, 1000);
        assertThat(s.at(0)).isCloseTo(0.996, within(1e-12));
        assertThat(s.at(500)).isCloseTo(0.998, within(1e-12)); // halfway on the cosine: the mean
        assertThat(s.at(1000)).isCloseTo(1.0, within(1e-12));
        assertThat(s.at(5000)).isEqualTo(1.0);
        // 1 − γ follows (cos(πk/K) + 1)/2 exactly; e.g. k = 250 → (√2/2 + 1)/2.
        assertThat(1 - s.at(250)).isCloseTo(0.004 * (Math.sqrt(0.5) + 1) / 2, within(1e-12));
        double prev = s.at(0);
        for (long k = 1; k <= 1000; k += 37) {
            assertThat(s.at(k)).isGreaterThanOrEqualTo(prev);
            prev = s.at(k);
        }
    }

    @Test
    void updateMovesTargetByTheScheduledCoefficient() {
        EmaSchedule s = new EmaSchedule(0.9, 10);
        INDArray target = Nd4j.create(new float[] {1, 2, 3});
        INDArray online = Nd4j.create(new float[] {3, 2, 1});
        s.update(target, online, 0);   // γ = 0.9
        assertThat(target.toDoubleVector()).containsExactly(new double[] {1.2, 2.0, 2.8}, within(1e-6));
        s.update(target, online, 10);  // γ = 1: frozen
        assertThat(target.toDoubleVector()).containsExactly(new double[] {1.2, 2.0, 2.8}, within(1e-6));
    }

    @Test
    void invalidSettingsNameTheKey() {
        assertThatThrownBy(() -> new EmaSchedule(1.1, 10)).hasMessageStartingWith("relic.emaBase");
        assertThatThrownBy(() -> new EmaSchedule(0.99, 0)).hasMessageStartingWith("steps");
    }
}
