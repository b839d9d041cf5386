package io.vireo.training.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.backend.TrainingBackend;

class MemoryBankTest {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    @Test
    void startsWithDeterministicUnitRows() {
        MemoryBank a = new MemoryBank(20, 5, 7);
        MemoryBank b = new MemoryBank(20, 5, 7);
        assertThat(a.entries()).isEqualTo(b.entries());
        assertThat(new MemoryBank(20, 5, 8).entries()).isNotEqualTo(a.entries());
        for (int i = 0; i < 20; i++) {
            assertThat(a.entries().getRow(i).norm2Number().doubleValue()).isCloseTo(1, within(1e-5));
        }
    }

    @Test
    void momentumUpdateIsTheNormalisedRunningAverage() {
        MemoryBank bank = new MemoryBank(4, 2, 1);
        bank.restore(Nd4j.create(new float[][] {{1, 0}, {0, 1}, {1, 0}, {0, 1}}));
        bank.update(new int[] {0, 3}, Nd4j.create(new float[][] {{0, 5}, {0, -2}}), 0.5);
        // row 0: normalise(0.5·(1,0) + 0.5·(0,1)) = (1,1)/√2;  row 3: 0.5·(0,1) + 0.5·(0,−1) → 0 → floor, stays finite
        assertThat(bank.entries().getRow(0).toDoubleVector()).containsExactly(new double[] {Math.sqrt(0.5), Math.sqrt(0.5)}, within(1e-6));
        assertThat(bank.entries().getRow(1).toDoubleVector()).containsExactly(0, 1);
        assertThat(bank.entries().getRow(2).toDoubleVector()).containsExactly(1, 0);
        assertThat(bank.entries().getRow(3).toDoubleVector()).doesNotContain(Double.NaN);
        // Momentum 0: the entry becomes the normalised output.
        bank.update(new int[] {2}, Nd4j.create(new float[][] {{3, 4}}), 0);
        assertThat(bank.entries().getRow(2).toDoubleVector()).containsExactly(new double[] {0.6, 0.8}, within(1e-6));
        assertThatThrownBy(() -> bank.update(new int[] {0}, Nd4j.create(new float[][] {{1, 1}}), 1.0))
                .hasMessageStartingWith("pirl.bankMomentum");
    }

    @Test
    void negativesNeverComeFromTheBatchAndCoverTheRest() {
        MemoryBank bank = new MemoryBank(10, 10, 3);
        // Make row i identifiable: e_i.
        bank.restore(Nd4j.eye(10).castTo(bank.dataType()));
        int[] batch = {2, 5, 7};
        INDArray neg = bank.sampleNegatives(400, batch, new SplittableRandom(9));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            seen.add(neg.getRow(i).argMax().getLong(0));
        }
        assertThat(seen).doesNotContain(2L, 5L, 7L).containsExactlyInAnyOrder(0L, 1L, 3L, 4L, 6L, 8L, 9L);
        // Deterministic for a given generator seed.
        assertThat(bank.sampleNegatives(5, batch, new SplittableRandom(4)))
                .isEqualTo(bank.sampleNegatives(5, batch, new SplittableRandom(4)));
        assertThatThrownBy(() -> new MemoryBank(3, 2, 1).sampleNegatives(1, new int[] {0, 1, 2}, new SplittableRandom(1)))
                .hasMessageStartingWith("pirl.negatives");
    }
}
