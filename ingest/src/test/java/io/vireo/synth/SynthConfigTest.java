package io.vireo.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SynthConfigTest {

    @Test
    void defaultsAreTenSecondsAtTwentyFiveFpsWithOneSecondGop() {
        SynthConfig config = SynthConfig.defaults();

        assertThat(config.width()).isEqualTo(320);
        assertThat(config.height()).isEqualTo(240);
        assertThat(config.durationSeconds()).isEqualTo(10.0);
        assertThat(config.gopFrames()).isEqualTo(25);
        assertThat(SynthConfig.builder().fps(30).build().gopFrames()).isEqualTo(30);
    }

    @Test
    void errorsNameTheOffendingField() {
        assertThatThrownBy(() -> SynthConfig.builder().frames(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("frames must be > 0, got -1");
        assertThatThrownBy(() -> SynthConfig.builder().width(161).build()).hasMessageContaining("width").hasMessageContaining("161");
        assertThatThrownBy(() -> SynthConfig.builder().fps(0).build()).hasMessageContaining("fps");
        assertThatThrownBy(() -> SynthConfig.builder().gopFrames(0).build()).hasMessageContaining("gopFrames");
        assertThatThrownBy(() -> SynthConfig.builder().meanShotSeconds(-2).build()).hasMessageContaining("meanShotSeconds");
        assertThatThrownBy(() -> SynthConfig.builder().objectsPerShot(17).build()).hasMessageContaining("objectsPerShot");
    }

    @Test
    void toBuilderRoundTrips() {
        SynthConfig config = SynthConfig.builder().seed(9).frames(33).plainBackground(true).build();

        assertThat(config.toBuilder().build()).isEqualTo(config);
    }
}
