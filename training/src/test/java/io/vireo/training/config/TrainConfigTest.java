package io.vireo.training.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {
    @Test
    void loadsYamlAndAppliesOverrides(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("moco.yaml");
        Files.writeString(f, """
                method: moco-v2
                steps: 200
                model:
                  arch: resnet50
                  version: v2
                  width: 0.5
                moco:
                  queueSize: 1024
                """);
        TrainConfig c = TrainConfig.load(f, List.of("optim.lr=0.1", "batchSize=32", "moco.bnGuard=key-eval-mode"));
        assertThat(c.steps()).isEqualTo(200);
        assertThat(c.encoderSpec().arch().name()).isEqualTo("RESNET50");
        assertThat(c.encoderSpec().width()).isEqualTo(0.5);
        assertThat(c.optim().lr()).isEqualTo(0.1);
        assertThat(c.batchSize()).isEqualTo(32);
        assertThat(c.moco().temperature()).isEqualTo(0.2); // default kept
        assertThat(c.mocoSettings().bnGuard().toString()).isEqualTo("key-eval-mode");
    }

    @Test
    void errorsNameTheOffendingKey(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> TrainConfig.parse("method: simclr", "a.yaml", List.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("method:").hasMessageContaining("simclr");
        assertThatThrownBy(() -> TrainConfig.parse("moco:\n  queue_size: 5\n", "b.yaml", List.of()))
                .hasMessageContaining("unknown key 'moco.queue_size'").hasMessageContaining("b.yaml");
        assertThatThrownBy(() -> TrainConfig.parse("", "c.yaml", List.of("optim.learningRate=1")))
                .hasMessageContaining("unknown key 'optim.learningRate'");
        assertThatThrownBy(() -> TrainConfig.parse("", "d.yaml", List.of("model.width=-2")))
                .hasMessageStartingWith("model.width");
        assertThatThrownBy(() -> TrainConfig.parse("", "e.yaml", List.of("batchSize=lots")))
                .hasMessageContaining("batchSize");
        assertThatThrownBy(() -> TrainConfig.parse("data:\n  kind: image-folder\n", "f.yaml", List.of()))
                .hasMessageStartingWith("data.path");
        assertThatThrownBy(() -> TrainConfig.parse("", "g.yaml", List.of("data.kind=image-folder", "data.path=" + dir.resolve("nope"))))
                .hasMessageStartingWith("data.path").hasMessageContaining("nope");
        assertThatThrownBy(() -> TrainConfig.parse("", "h.yaml", List.of("moco.queueSize=4096", "data.images=1000")))
                .hasMessageStartingWith("moco.queueSize");
        assertThatThrownBy(() -> TrainConfig.parse("", "i.yaml", List.of("batchSize=30", "moco.queueSize=1024")))
                .hasMessageStartingWith("moco.bnGroups");
        assertThatThrownBy(() -> TrainConfig.parse("", "j.yaml", List.of("model.arch=vgg")))
                .hasMessageStartingWith("model.").hasMessageContaining("vgg");
        assertThatThrownBy(() -> TrainConfig.load(dir.resolve("missing.yaml"), List.of()))
                .hasMessageContaining("missing.yaml");
    }

    @Test
    void augmentationKeysReachTheViewsAndAreChecked() {
        var view = TrainConfig.parse("", "a.yaml", List.of("augment.blurProb=0", "augment.minScale=0.5", "model.inputSize=32"))
                .viewAugment(32);
        assertThat(view.blurProb()).isZero();
        assertThat(view.minScale()).isEqualTo(0.5);
        assertThat(view.jitterProb()).isEqualTo(0.8); // untouched keys keep MoCo v2's values
        assertThat(view.outSize()).isEqualTo(32);
        assertThatThrownBy(() -> TrainConfig.parse("", "b.yaml", List.of("augment.grayProb=1.5")))
                .hasMessageStartingWith("augment.grayProb");
        assertThatThrownBy(() -> TrainConfig.parse("", "c.yaml", List.of("augment.minScale=0")))
                .hasMessageStartingWith("augment.minScale");
    }
}
