package io.vireo.training.model;

/**
 * What encoder to build. Two specs that are equal build graphs with identical parameter layouts,
 * which is what checkpoints and the EMA key encoder rely on.
 *
 * @param arch      ResNet-18/50, RevNet-50 or VGG-19-BN
 * @param version   v1 (post-activation) or v2 (pre-activation); RevNet-50 is v2 only, VGG-19-BN v1 only
 * @param width     width multiplier k applied to every stage (channels = max(1, round(base * k)))
 * @param inputSize square input side in pixels. ResNet/RevNet: ≤ 32 uses the CIFAR stem (3x3/1, no
 *                  max-pool), ≥ 64 the ImageNet stem (7x7/2 + 3x3/2 max-pool). VGG: any size ≥ 32
 * @param channels  input channels (3 for RGB)
 */
public record EncoderSpec(Arch arch, ResNetVersion version, double width, int inputSize, int channels) {

    /** Smallest input each stem can take so that the last stage still has a 1x1 map. */
    static final int MIN_INPUT_CIFAR_STEM = 8;
    static final int CIFAR_STEM_MAX_INPUT = 32;
    /** VGG halves its map five times (2x2 max-pools, rounding down) before fc6. */
    static final int VGG_DOWNSAMPLING = 32;

    public EncoderSpec {
        if (arch == null) {
            throw new IllegalArgumentException("arch: must be set (resnet18, resnet50, revnet50 or vgg19-bn)");
        }
        if (version == null) {
            throw new IllegalArgumentException("version: must be set (v1 or v2)");
        }
        if (!arch.supports(version)) {
            ResNetVersion other = version == ResNetVersion.V1 ? ResNetVersion.V2 : ResNetVersion.V1;
            throw new IllegalArgumentException("version: " + arch.configName() + " (arch) has no "
                    + version.name().toLowerCase(java.util.Locale.ROOT) + " variant; set version to "
                    + other.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (!(width > 0) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("width: must be a positive finite number, got " + width);
        }
        if (arch.family() == Arch.Family.VGG) {
            if (inputSize < VGG_DOWNSAMPLING) {
                throw new IllegalArgumentException("inputSize: " + arch.configName() + " needs >= " + VGG_DOWNSAMPLING
                        + " px (five 2x2 max-pools before fc6), got " + inputSize);
            }
        } else {
            if (inputSize < MIN_INPUT_CIFAR_STEM) {
                throw new IllegalArgumentException("inputSize: must be >= " + MIN_INPUT_CIFAR_STEM + ", got " + inputSize);
            }
            if (inputSize > CIFAR_STEM_MAX_INPUT && inputSize < 64) {
                throw new IllegalArgumentException("inputSize: " + inputSize
                        + " is between the CIFAR stem (<= 32) and the ImageNet stem (>= 64, downsamples 32x)");
            }
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels: must be >= 1, got " + channels);
        }
        // Widths so small that a stage rounds to zero channels are clamped to 1 in channels(),
        // but the pre-logits must stay big enough to be a representation at all.
        if (featureDim(arch, width) < 8) {
            throw new IllegalArgumentException("width: " + width + " leaves fewer than 8 pre-logits features");
        }
    }

    /** ResNet/RevNet stem choice; VGG has no stem. */
    public boolean cifarStem() {
        return inputSize <= CIFAR_STEM_MAX_INPUT;
    }

    /** Channels for a width-1 count, after the multiplier. */
    public int channels(int base) {
        return channels(base, width);
    }

    /** Dimension of the pre-logits representation. */
    public int featureDim() {
        return featureDim(arch, width);
    }

    /**
     * Bottleneck width of RevNet stage {@code stage} (0-based): 32·k·2^stage. The stage has 8× as many
     * channels (two halves of 4×), so rounding happens once and the halves always split evenly.
     */
    int revnetInner(int stage) {
        return channels(32) << stage;
    }

    /** Side of VGG's last conv map, which fc6 covers whole (as the released model does). */
    int vggFinalMap() {
        int s = inputSize;
        for (int i = 0; i < 5; i++) {
            s /= 2;
        }
        return s;
    }

    private static int channels(int base, double width) {
        return (int) Math.max(1, Math.round(base * width));
    }

    private static int featureDim(Arch arch, double width) {
        return switch (arch.family()) {
            case RESNET -> arch.bottleneck() ? channels(512, width) * 4 : channels(512, width);
            case REVNET -> 8 * (channels(32, width) << 3);
            case VGG -> channels(4096, width);
        };
    }
}
