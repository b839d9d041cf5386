package io.vireo.training.objective;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.BeforeAll;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.augment.Batch;
import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.data.SourcePosition;
import io.vireo.training.model.Arch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.HeadSpec;
import io.vireo.training.model.ResNetGraphs;
import io.vireo.training.model.ResNetVersion;

/** One MoCo v2 step through each non-ResNet encoder: the objective needs nothing but the graph and its features vertex. */
class EncoderArchMocoStepTest {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    @ParameterizedTest
    @CsvSource({"REVNET50, V2, 16", "VGG19_BN, V1, 32"}) // the smallest input each takes whole
    void oneStepRunsAndMovesTheQueryEncoder(Arch arch, ResNetVersion version, int size) {
        EncoderSpec spec = new EncoderSpec(arch, version, 0.25, size, 3);
        MocoV2 moco = new MocoV2(spec, new MocoV2Settings(64, 0.2, 0.99, new HeadSpec(64, 32), BnLeakGuard.SHUFFLED_GROUPS, 4,
                0.9, 1e-4), 3, -1);
        Nd4j.getRandom().setSeed(5);
        INDArray a = Nd4j.randn(DataType.FLOAT, 8, 3, size, size);
        INDArray b = a.add(Nd4j.randn(DataType.FLOAT, 8, 3, size, size).muli(0.3));
        INDArray before = moco.encoder().params().dup();
        INDArray keyBefore = moco.keyNetwork().params().dup();

        StepStats stats = moco.step(new Batch(0, a, b, new int[8], new SourcePosition(Map.of())), 0.05, 0);

        assertThat(Double.isFinite(stats.loss())).isTrue();
        INDArray moved = moco.encoder().params().sub(before);
        assertThat(moved.amaxNumber().doubleValue()).as("query parameters changed").isGreaterThan(1e-6);
        assertThat(Double.isFinite(moved.sumNumber().doubleValue())).isTrue();
        // The key network follows by EMA (it started equal, so only BN running statistics differ at first).
        assertThat(moco.keyNetwork().params().length()).isEqualTo(keyBefore.length());
        assertThat(moco.encoder().feedForward(a, false).get(ResNetGraphs.FEATURES).shape())
                .containsExactly(8, spec.featureDim());
        assertThat(moco.queue().head()).isEqualTo(8);
    }
}
