package io.vireo.training.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.backend.TrainingBackend;

class ResNetGraphsTest {
    @BeforeAll
    static void backend() {
        TrainingBackend.initialise();
    }

    @ParameterizedTest
    @CsvSource({
        "RESNET18, V1, 0.25, 32",
        "RESNET18, V2, 0.3, 32",
        "RESNET50, V1, 0.125, 32",
        "RESNET50, V2, 0.125, 32",
        "RESNET18, V1, 0.25, 64",
    })
    void buildsAndExposesPreLogitsFeatures(Arch arch, ResNetVersion version, double width, int size) {
        EncoderSpec spec = new EncoderSpec(arch, version, width, size, 3);
        ComputationGraph g = ResNetGraphs.encoder(spec, 7, DataType.FLOAT);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, size, size);
        INDArray f = g.outputSingle(false, x);
        assertThat(f.shape()).containsExactly(2, spec.featureDim());
        assertThat(g.getConfiguration().getNetworkOutputs()).containsExactly(ResNetGraphs.FEATURES);
        // Same spec and seed → identical parameters (key encoder and checkpoints rely on this).
        assertThat(ResNetGraphs.encoder(spec, 7, DataType.FLOAT).params()).isEqualTo(g.params());
        // Features stay reachable by name when the head is attached.
        ComputationGraph withHead = ResNetGraphs.encoderWithHead(spec, new HeadSpec(32, 16), 7, DataType.FLOAT);
        assertThat(withHead.outputSingle(false, x).shape()).containsExactly(2, 16);
        assertThat(withHead.feedForward(x, false).get(ResNetGraphs.FEATURES).shape()).containsExactly(2, spec.featureDim());
    }

    @Test
    void widthMultiplierRoundsChannels() {
        EncoderSpec spec = new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 0.3, 32, 3);
        assertThat(spec.channels(64)).isEqualTo(19);
        assertThat(spec.featureDim()).isEqualTo(154);
        assertThat(new EncoderSpec(Arch.RESNET50, ResNetVersion.V1, 1.0, 224, 3).featureDim()).isEqualTo(2048);
        // ResNet-18 at width 1: 11.2M conv/BN params + no FC (the FC of torchvision is not part of the encoder).
        long params = ResNetGraphs.encoder(new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 1.0, 64, 3), 1, DataType.FLOAT)
                .numParams();
        assertThat(params).isBetween(11_170_000L, 11_200_000L);
    }

    @Test
    void invalidSpecsNameTheField() {
        assertThatThrownBy(() -> new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 0, 32, 3)).hasMessageStartingWith("width");
        assertThatThrownBy(() -> new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, -1, 32, 3)).hasMessageStartingWith("width");
        assertThatThrownBy(() -> new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 1, 4, 3)).hasMessageStartingWith("inputSize");
        assertThatThrownBy(() -> new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 1, 48, 3)).hasMessageStartingWith("inputSize");
        assertThatThrownBy(() -> new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 1, 32, 0)).hasMessageStartingWith("channels");
        assertThatThrownBy(() -> new EncoderSpec(null, ResNetVersion.V1, 1, 32, 3)).hasMessageStartingWith("arch");
        assertThatThrownBy(() -> new EncoderSpec(Arch.RESNET18, null, 1, 32, 3)).hasMessageStartingWith("version");
        assertThatThrownBy(() -> Arch.parse("resnet34")).hasMessageContaining("resnet34");
    }
}
