package io.vireo.training.model.batchnorm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.model.Arch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.HeadSpec;
import io.vireo.training.model.ResNetGraphs;
import io.vireo.training.model.ResNetVersion;

/** MoCo's key network in groups: one forward of the whole batch = one forward per group. */
class BatchStatisticsGroupsTest {
    private static final EncoderSpec SPEC = new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 0.25, 32, 3);
    private static final HeadSpec HEAD = new HeadSpec(64, 32);

    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    @Test
    void groupedForwardOfAResNetEqualsOneForwardPerGroup() {
        ComputationGraph grouped = ResNetGraphs.encoderWithHead(SPEC, HEAD, 5, DataType.FLOAT);
        ComputationGraph perGroup = ResNetGraphs.encoderWithHead(SPEC, HEAD, 5, DataType.FLOAT);
        perGroup.params().assign(grouped.params());
        BatchStatisticsGroups.use(grouped, 4);
        Nd4j.getRandom().setSeed(29);
        INDArray x = Nd4j.randn(DataType.FLOAT, 16, 3, 32, 32);

        INDArray together = grouped.outputSingle(true, x);
        for (int g = 0; g < 4; g++) {
            INDArray expected = perGroup.outputSingle(true, x.get(NDArrayIndex.interval(4 * g, 4 * g + 4)).dup());
            INDArray actual = together.get(NDArrayIndex.interval(4 * g, 4 * g + 4));
            assertThat(actual.sub(expected).amaxNumber().doubleValue()).as("group %d", g)
                    .isLessThan(1e-4 * expected.amaxNumber().doubleValue());
        }
        INDArray wholeBatchStatistics = perGroup.outputSingle(true, x);
        assertThat(together.sub(wholeBatchStatistics).amaxNumber().doubleValue()).isGreaterThan(1e-2);
    }

    @Test
    void dl4jsOwnBatchNormIsRefusedByName() {
        ComputationGraph dl4j = ResNetGraphs.withDl4jLayers(ResNetGraphs.encoderWithHead(SPEC, HEAD, 5, DataType.FLOAT));
        assertThatThrownBy(() -> BatchStatisticsGroups.use(dl4j, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch-norm layer '")
                .hasMessageContaining("no per-group statistics");
    }
}
