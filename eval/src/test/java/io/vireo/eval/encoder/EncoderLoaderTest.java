package io.vireo.eval.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.ProgressListener;
import io.vireo.training.TrainingResult;
import io.vireo.training.TrainingRun;
import io.vireo.training.config.TrainConfig;
import io.vireo.training.model.ResNetGraphs;

/** Whatever method trained it, a checkpoint's encoder is what evaluation loads, weights and BN statistics alike. */
class EncoderLoaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"moco-v2", "relic-v2", "rotation"})
    void theLoadedEncoderComputesTheTrainedEncodersFeatures(String method, @TempDir Path dir) throws Exception {
        TrainConfig config = TrainConfig.parse("", "test", List.of("method=" + method, "data.images=64",
                "data.imageSize=32", "model.width=0.25", "model.inputSize=32", "batchSize=8", "moco.bnGroups=2",
                "moco.queueSize=16", "moco.headHidden=32", "moco.headOut=16", "relic.smallCrops=0", "steps=2",
                "output.dir=" + dir));
        TrainingResult trained = TrainingRun.run(config, ProgressListener.NONE);

        Encoder loaded = EncoderLoader.checkpoint(trained.checkpoint(), 0);

        assertThat(loaded.step()).isEqualTo(2);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32);
        INDArray expected = features(trained.objective().encoder(), x);
        INDArray actual = features(loaded.graph(), x);
        assertThat(actual.shape()).isEqualTo(expected.shape());
        assertThat(actual.sub(expected).amaxNumber().doubleValue())
                .isLessThan(1e-4 * Math.max(1, expected.amaxNumber().doubleValue()));
    }

    private static INDArray features(ComputationGraph graph, INDArray x) {
        return graph.feedForward(new INDArray[] {x}, false).get(ResNetGraphs.FEATURES);
    }
}
