package io.vireo.training.objective;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.vireo.training.model.Arch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.ResNetVersion;
import io.vireo.training.pretext.MultiCropViews;
import io.vireo.training.pretext.PatchGrid;
import io.vireo.training.pretext.PermutationSet;

class MethodCompatibilityTest {
    @Test
    void patchMethodsNeedAnEncoderSizedForThePatch() {
        EncoderSpec imageSized = new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 0.25, 32, 3);
        PatchGrid grid = new PatchGrid(12, 10);
        assertThatThrownBy(() -> new JigsawObjective(imageSized, grid, PermutationSet.maximalHamming(10, 1), PretextSettings.defaults(), 1))
                .hasMessageStartingWith("model.inputSize").hasMessageContaining("jigsaw").hasMessageContaining("patch.size = 10");
        assertThatThrownBy(() -> new RelativePatchLocationObjective(imageSized, grid, 64, PretextSettings.defaults(), 1))
                .hasMessageStartingWith("model.inputSize").hasMessageContaining("relative-patch-location");
        assertThatCode(() -> MethodCompatibility.requirePatchInput("jigsaw",
                new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 0.25, 10, 3), grid)).doesNotThrowAnyException();
    }

    @Test
    void multiCropSmallViewsMustFitTheEncoderStem() {
        EncoderSpec imagenet = new EncoderSpec(Arch.RESNET50, ResNetVersion.V2, 1, 64, 3);
        assertThatThrownBy(() -> MethodCompatibility.requireMultiCrop(imagenet, MultiCropViews.relicV2(64, 6)))
                .hasMessageStartingWith("relic.smallSize").hasMessageContaining("model.inputSize");
        assertThatThrownBy(() -> MethodCompatibility.requireMultiCrop(imagenet, MultiCropViews.relicV2(96, 6)))
                .hasMessageStartingWith("relic.largeSize");
        assertThatCode(() -> MethodCompatibility.requireMultiCrop(imagenet, MultiCropViews.relicV2(64, 0))).doesNotThrowAnyException();
        assertThatCode(() -> MethodCompatibility.requireMultiCrop(new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 0.25, 32, 3),
                MultiCropViews.relicV2(32, 6))).doesNotThrowAnyException();
    }

    @Test
    void vggTakesNoCropsSmallerThanItsFc6Covers() {
        EncoderSpec vgg = new EncoderSpec(Arch.VGG19_BN, ResNetVersion.V1, 0.25, 224, 3);
        assertThatThrownBy(() -> MethodCompatibility.requireMultiCrop(vgg, MultiCropViews.relicV2(224, 6)))
                .hasMessageStartingWith("relic.smallSize").hasMessageContaining("vgg19-bn").hasMessageContaining("model.inputSize")
                .hasMessageContaining("7x7");
        assertThatCode(() -> MethodCompatibility.requireMultiCrop(vgg, MultiCropViews.relicV2(224, 0))).doesNotThrowAnyException();
        // RevNet shares the ResNet stems, so the ResNet rules apply to it unchanged.
        assertThatCode(() -> MethodCompatibility.requireMultiCrop(new EncoderSpec(Arch.REVNET50, ResNetVersion.V2, 0.25, 224, 3),
                MultiCropViews.relicV2(224, 6))).doesNotThrowAnyException();
    }
}
