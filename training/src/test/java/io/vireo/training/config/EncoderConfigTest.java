package io.vireo.training.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.vireo.training.model.Arch;

/** model.arch values beyond ResNet, and the checks that name model.* keys. */
class EncoderConfigTest {
    @Test
    void revnetAndVggAreArchValues() {
        TrainConfig vgg = TrainConfig.parse("", "a.yaml", List.of("model.arch=vgg19-bn", "model.inputSize=32"));
        assertThat(vgg.encoderSpec().arch()).isEqualTo(Arch.VGG19_BN);
        assertThat(vgg.encoderSpec().featureDim()).isEqualTo(4096);
        TrainConfig rev = TrainConfig.parse("", "b.yaml", List.of("model.arch=revnet50", "model.version=v2", "model.width=4"));
        assertThat(rev.encoderSpec().arch()).isEqualTo(Arch.REVNET50);
        assertThat(rev.encoderSpec().featureDim()).isEqualTo(8192);
    }

    @Test
    void mismatchesNameTheKeys() {
        assertThatThrownBy(() -> TrainConfig.parse("", "c.yaml", List.of("model.arch=revnet50")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("model.version: revnet50").hasMessageContaining("v2");
        assertThatThrownBy(() -> TrainConfig.parse("", "d.yaml", List.of("model.arch=vgg19-bn", "model.inputSize=16")))
                .hasMessageStartingWith("model.inputSize: vgg19-bn");
        assertThatThrownBy(() -> TrainConfig.parse("", "e.yaml", List.of("model.arch=vgg")))
                .hasMessageStartingWith("model.arch: unknown 'vgg'").hasMessageContaining("revnet50");
        // VGG-19-BN ×16 at 64 px is 11.6 G parameters: four float copies (185 GB) exceed any machine this runs on.
        assertThatThrownBy(() -> TrainConfig.parse("", "f.yaml", List.of("model.arch=vgg19-bn", "model.width=16")))
                .hasMessageStartingWith("model.width: 16 makes vgg19-bn").hasMessageContaining("GB");
    }
}
