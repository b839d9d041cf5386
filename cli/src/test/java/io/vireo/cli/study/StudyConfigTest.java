package io.vireo.cli.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StudyConfigTest {

    @Test
    void defaultsCompareTheImageBaselinesWithTheVideoMethodsOverThreeSeeds() {
        StudyConfig c = StudyConfig.load(null);
        assertThat(c.seeds()).hasSize(3);
        assertThat(c.methods()).containsExactly("moco-v2", "relic-v2", "video-frame", "video-region");
        assertThat(c.datasets()).containsExactly("synthetic", "real");
        assertThat(c.train().set()).containsEntry("model.width", "0.25").containsEntry("batchSize", "32");
        assertThat(c.eval().risFactors()).contains("viewpoint", "occlusion", "instance");
    }

    @Test
    void aFileOverridesAndAddsTrainingSettings() {
        StudyConfig c = StudyConfig.parse("""
                seeds: [7]
                datasets: [synthetic]
                train:
                  steps: 40
                  set:
                    model.inputSize: 64
                pairs:
                  tracker: kcf
                """, "study.yaml");
        assertThat(c.seeds()).containsExactly(7L);
        assertThat(c.train().steps()).isEqualTo(40);
        assertThat(c.train().set()).containsEntry("model.inputSize", "64").containsEntry("batchSize", "32");
        assertThat(c.pairs()).containsEntry("tracker", "kcf");
    }

    @Test
    void pairOptionsAreCheckedByThePairJobBeforeAnyWork() {
        VideoPairs.checkSettings(StudyConfig.load(null)); // the defaults are valid job options
        assertThat(StudyConfig.load(null).pairs()).containsEntry("region-anchor-interval", "500 ms");
        assertThatThrownBy(() -> VideoPairs.checkSettings(StudyConfig.parse("pairs:\n  min-redetection-iuo: \"0\"\n", "s.yaml")))
                .hasMessageStartingWith("pairs: ").hasMessageContaining("min-redetection-iuo");
        assertThatThrownBy(() -> VideoPairs.checkSettings(StudyConfig.parse("pairs:\n  region-anchor-interval: soon\n", "s.yaml")))
                .hasMessageContaining("region-anchor-interval");
    }

    @Test
    void mistakesNameTheKey() {
        assertThatThrownBy(() -> StudyConfig.parse("train:\n  stpes: 3\n", "study.yaml"))
                .hasMessageContaining("study.yaml").hasMessageContaining("'train.stpes'");
        assertThatThrownBy(() -> StudyConfig.parse("datasets: [youtube]\n", "study.yaml"))
                .hasMessageContaining("'datasets'").hasMessageContaining("youtube");
        assertThatThrownBy(() -> StudyConfig.parse("seeds: []\n", "study.yaml")).hasMessageContaining("'seeds'");
        assertThatThrownBy(() -> StudyConfig.parse("train:\n  steps: many\n", "study.yaml"))
                .hasMessageContaining("'train.steps'");
        assertThatThrownBy(() -> StudyConfig.parse("eval:\n  risInstancesPerClass: 2\n", "study.yaml"))
                .hasMessageContaining("'eval.risInstancesPerClass'").hasMessageContaining("instance");
        assertThatThrownBy(() -> StudyConfig.parse("eval:\n  risFactors: [smell]\n", "study.yaml"))
                .hasMessageContaining("'eval.risFactors'").hasMessageContaining("smell");
    }
}
