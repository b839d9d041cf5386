package io.vireo.training.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.augment.Batch;
import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.data.SourcePosition;
import io.vireo.training.loss.InfoNce;
import io.vireo.training.model.Arch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.HeadSpec;
import io.vireo.training.model.ResNetVersion;

class MocoV2Test {
    static final EncoderSpec SPEC = new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 0.25, 32, 3);

    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    static MocoV2Settings settings(int queue) {
        return new MocoV2Settings(queue, 0.2, 0.999, new HeadSpec(64, 32), BnLeakGuard.SHUFFLED_GROUPS, 4, 0.9, 1e-4);
    }

    @Test
    void oneStepLowersTheLossOnAFixedBatch() {
        MocoV2 moco = new MocoV2(SPEC, settings(256), 3, -1);
        Nd4j.getRandom().setSeed(5);
        INDArray a = Nd4j.randn(DataType.FLOAT, 16, 3, 32, 32);
        INDArray b = a.add(Nd4j.randn(DataType.FLOAT, 16, 3, 32, 32).muli(0.3));
        INDArray keys = moco.keys(b, 0).dup();
        INDArray negatives = moco.queue().negatives().dup();
        double before = InfoNce.compute(moco.encoder().outputSingle(true, a), keys, negatives, 0.2).loss();
        INDArray keyParams = moco.keyNetwork().params().dup();

        StepStats stats = moco.step(new Batch(0, a, b, new int[16], new SourcePosition(Map.of())), 0.05, 0);

        double after = InfoNce.compute(moco.encoder().outputSingle(true, a), keys, negatives, 0.2).loss();
        assertThat(stats.loss()).isCloseTo(before, org.assertj.core.api.Assertions.within(0.05));
        assertThat(after).as("loss on the same batch, keys and negatives after one SGD step").isLessThan(before - 1e-3);
        // EMA moved the key network a little towards the query network (which starts identical: so not at all).
        assertThat(moco.keyNetwork().params()).isEqualTo(keyParams);
        // The keys of this batch were enqueued at the head.
        assertThat(moco.queue().head()).isEqualTo(16);
        assertThat(moco.queue().negatives().getRow(0).norm2Number().doubleValue()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
    }

    @Test
    void shuffledGroupKeysAreUnshuffledBackToTheirQueries() {
        MocoV2 one = new MocoV2(SPEC, new MocoV2Settings(256, 0.2, 0.999, new HeadSpec(64, 32), BnLeakGuard.SHUFFLED_GROUPS, 1, 0.9, 1e-4), 3, -1);
        Nd4j.getRandom().setSeed(8);
        INDArray x = Nd4j.randn(DataType.FLOAT, 32, 3, 32, 32);
        // One group: BN over the whole (permuted) batch is permutation-invariant, so the un-permuted
        // keys must equal a plain training-mode forward of the batch in its original order.
        INDArray direct = one.keyNetwork().outputSingle(true, x);
        INDArray viaShuffle = one.keys(x, 17);
        assertThat(viaShuffle.sub(direct).amaxNumber().doubleValue()).isLessThan(1e-4);
        // Two groups of 16: each key differs (own group statistics) but stays closest to its own direct key.
        MocoV2 two = new MocoV2(SPEC, new MocoV2Settings(256, 0.2, 0.999, new HeadSpec(64, 32), BnLeakGuard.SHUFFLED_GROUPS, 2, 0.9, 1e-4), 3, -1);
        INDArray grouped = InfoNce.normalizeRows(two.keys(x, 17));
        assertThat(grouped.sub(InfoNce.normalizeRows(direct)).amaxNumber().doubleValue()).isGreaterThan(1e-3);
        INDArray sims = grouped.mmul(InfoNce.normalizeRows(direct).transpose());
        for (int i = 0; i < 32; i++) {
            assertThat(sims.getRow(i).argMax().getInt(0)).as("row %d", i).isEqualTo(i);
        }
    }

    @Test
    void queueLargerThanDatasetIsAnError() {
        assertThatThrownBy(() -> new MocoV2(SPEC, settings(512), 1, 100))
                .hasMessageContaining("moco.queueSize").hasMessageContaining("100");
    }

    @Test
    void queueIsARingBuffer() {
        NegativeQueue q = new NegativeQueue(5, 2, 1);
        q.enqueue(Nd4j.create(new float[][] {{1, 0}, {0, 1}, {1, 0}}));
        q.enqueue(Nd4j.create(new float[][] {{0, 1}, {1, 0}, {0, 1}}));
        assertThat(q.head()).isEqualTo(1);
        // Oldest entry (index 0) was overwritten by the 6th key; indices 1..4 hold keys 2..5.
        assertThat(q.negatives().getRow(0).toFloatVector()).containsExactly(0, 1);
        assertThat(q.negatives().getRow(3).toFloatVector()).containsExactly(0, 1);
        assertThat(q.negatives().getRow(4).toFloatVector()).containsExactly(1, 0);
        assertThatThrownBy(() -> q.enqueue(Nd4j.zeros(6, 2))).hasMessageContaining("larger than the queue");
    }
}
