package io.vireo.training.model;

/**
 * What encoder to build. Two specs that are equal build graphs with identical parameter layouts,
 * which is what checkpoints and the EMA key encoder rely on.
 *
 * @param arch      ResNet-18 or ResNet-50
 * @param version   v1 (post-activation) or v2 (pre-activation)
 * @param width     width multiplier k applied to every stage (channels = max(1, round(base * k)))
 * @param inputSize square input side in pixels; ≤ 32 uses the CIFAR stem (3x3/1, no max-pool),
 *                  larger inputs the ImageNet stem (7x7/2 + 3x3/2 max-pool)
 * @param channels  input channels (3 for RGB)
 */
public record EncoderSpec(Arch arch, ResNetVersion version, double width, int inputSize, int channels) {

    /** Smallest input each stem can take so that the last stage still has a 1x1 map. */
    static final int MIN_INPUT_CIFAR_STEM = 8;
    static final int CIFAR_STEM_MAX_INPUT = 32;

    public EncoderSpec {
        if (arch == null) {
            throw new IllegalArgumentException("arch: must be set (resnet18 or resnet50)");
        }
        if (version == null) {
            throw new IllegalArgumentException("version: must be set (v1 or v2)");
        }
        if (!(width > 0) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("width: must be a positive finite number, got " + width);
        }
        if (inputSize < MIN_INPUT_CIFAR_STEM) {
            throw new IllegalArgumentException("inputSize: must be >= " + MIN_INPUT_CIFAR_STEM + ", got " + inputSize);
        }
        if (inputSize > CIFAR_STEM_MAX_INPUT && inputSize < 64) {
            throw new IllegalArgumentException("inputSize: " + inputSize
                    + " is between the CIFAR stem (<= 32) and the ImageNet stem (>= 64, downsamples 32x)");
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels: must be >= 1, got " + channels);
        }
        // Widths so small that a stage rounds to zero channels are clamped to 1 in channels(),
        // but the pre-logits must stay big enough to be a representation at all.
        if (Math.round(arch.baseFeatureChannels() * width) < 8) {
            throw new IllegalArgumentException("width: " + width + " leaves fewer than 8 pre-logits features");
        }
    }

    public boolean cifarStem() {
        return inputSize <= CIFAR_STEM_MAX_INPUT;
    }

    /** Channels for a width-1 count, after the multiplier. */
    public int channels(int base) {
        return (int) Math.max(1, Math.round(base * width));
    }

    /** Dimension of the pre-logits (global-average-pooled) representation. */
    public int featureDim() {
        int stage4 = channels(512);
        return arch.bottleneck() ? stage4 * 4 : stage4;
    }
}
