package io.vireo.training.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vireo.training.method.Methods;

/** Per-method config sections and method/data/encoder combinations, checked at load (no networks built). */
class MethodConfigTest {

    private static TrainConfig parse(String... overrides) {
        return TrainConfig.parse("", "test", List.of(overrides));
    }

    @Test
    void everyIssueFiveMethodIsKnownAndLoadsWithSuitableData(@TempDir Path dir) throws Exception {
        assertThat(Methods.names()).containsExactly("moco-v2", "relic-v2", "video-frame", "video-region", "video-mixed",
                "pirl", "rotation", "exemplar", "relative-patch-location", "jigsaw", "supervised");
        Path shards = Files.createDirectories(dir.resolve("shards"));
        for (String m : Methods.names()) {
            List<String> o = new ArrayList<>(List.of("method=" + m));
            if (m.startsWith("video-")) {
                o.addAll(List.of("data.kind=parquet", "data.path=" + shards));
            }
            assertThatCode(() -> TrainConfig.parse("", "test", o)).as(m).doesNotThrowAnyException();
        }
    }

    @Test
    void unknownMethodListsTheKnownOnes() {
        assertThatThrownBy(() -> parse("method=simclr")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("method: unknown 'simclr'").hasMessageContaining("relic-v2")
                .hasMessageContaining("video-mixed").hasMessageContaining("supervised");
    }

    @Test
    void dataKindMustSuitTheMethod(@TempDir Path dir) {
        assertThatThrownBy(() -> parse("method=video-region")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("data.kind").hasMessageContaining("video-region").hasMessageContaining("synthetic");
        assertThatThrownBy(() -> parse("method=video-frame", "data.kind=image-folder", "data.path=" + dir))
                .hasMessageStartingWith("data.kind").hasMessageContaining("image-folder");
        assertThatThrownBy(() -> parse("method=rotation", "data.kind=parquet", "data.path=" + dir))
                .hasMessageStartingWith("data.kind").hasMessageContaining("rotation").hasMessageContaining("parquet");
        // moco-v2 reads both images and pair records.
        assertThatCode(() -> parse("method=moco-v2", "data.kind=parquet", "data.path=" + dir)).doesNotThrowAnyException();
    }

    @Test
    void encoderAndMethodMismatchesNameBothKeys() {
        assertThatThrownBy(() -> parse("method=jigsaw", "model.inputSize=32", "patch.size=10", "patch.cell=12"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("model.inputSize").hasMessageContaining("patch.size = 10")
                .hasMessageContaining("jigsaw");
        assertThatThrownBy(() -> parse("method=relative-patch-location", "model.inputSize=64", "patch.size=32"))
                .hasMessageStartingWith("model.inputSize");
        assertThatThrownBy(() -> parse("method=pirl", "model.inputSize=64", "patch.size=16", "patch.cell=20"))
                .hasMessageStartingWith("model.inputSize").hasMessageContaining("pirl");
        // The ImageNet stem (>= 64 px) cannot take small crops below 32 px (the default is raised to 32 there).
        assertThatThrownBy(() -> parse("method=relic-v2", "model.inputSize=64", "relic.smallSize=27"))
                .hasMessageStartingWith("relic.smallSize").hasMessageContaining("model.inputSize");
        assertThat(parse("method=relic-v2", "model.inputSize=64").multiCropViews().smallSize()).isEqualTo(32);
        assertThat(parse("method=relic-v2", "model.inputSize=32").multiCropViews().smallSize()).isEqualTo(14);
        assertThatCode(() -> parse("method=jigsaw", "model.inputSize=32", "patch.size=32", "patch.cell=36"))
                .doesNotThrowAnyException();
    }

    @Test
    void methodSectionsAreValidatedNamingTheKey() {
        assertThatThrownBy(() -> parse("method=relic-v2", "model.inputSize=32", "relic.temperature=0"))
                .hasMessageStartingWith("relic.temperature");
        assertThatThrownBy(() -> parse("method=relic-v2", "model.inputSize=32", "relic.smallCrops=7"))
                .hasMessageStartingWith("relic.smallCrops");
        assertThatThrownBy(() -> parse("method=relic-v2", "model.inputSize=32", "relic.headOut=0"))
                .hasMessageStartingWith("relic.headOut");
        assertThatThrownBy(() -> parse("method=exemplar", "exemplar.views=1")).hasMessageStartingWith("exemplar.views");
        assertThatThrownBy(() -> parse("method=exemplar", "exemplar.margin=-1")).hasMessageStartingWith("exemplar.margin");
        assertThatThrownBy(() -> parse("method=pirl", "pirl.lambda=2")).hasMessageStartingWith("pirl.lambda");
        assertThatThrownBy(() -> parse("method=pirl", "pirl.negatives=0")).hasMessageStartingWith("pirl.negatives");
        assertThatThrownBy(() -> parse("method=pirl", "data.images=64")).hasMessageStartingWith("data.images");
        assertThatThrownBy(() -> parse("method=jigsaw", "jigsaw.permutations=1")).hasMessageStartingWith("jigsaw.permutations");
        assertThatThrownBy(() -> parse("method=jigsaw", "patch.cell=10")).hasMessageStartingWith("patch.cell");
        assertThatThrownBy(() -> parse("method=relative-patch-location", "model.inputSize=64", "patch.headHidden=0"))
                .hasMessageStartingWith("patch.headHidden");
        assertThatThrownBy(() -> parse("method=video-mixed", "data.kind=kafka", "data.bootstrap=localhost:9092",
                "video.regionShare=1.5")).hasMessageStartingWith("video.regionShare");
        assertThatThrownBy(() -> parse("method=video-frame", "data.kind=kafka", "data.bootstrap=localhost:9092",
                "moco.bnGroups=3")).hasMessageStartingWith("moco.bnGroups");
        // Sections of other methods are not the selected method's concern.
        assertThatCode(() -> parse("method=rotation", "relic.temperature=0", "moco.queueSize=4")).doesNotThrowAnyException();
    }
}
