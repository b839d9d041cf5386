package io.vireo.training.model;

import java.util.Locale;

/** ResNet depth: stage block counts and block type. */
public enum Arch {
    RESNET18(new int[] {2, 2, 2, 2}, false),
    RESNET50(new int[] {3, 4, 6, 3}, true);

    private final int[] blocks;
    private final boolean bottleneck;

    Arch(int[] blocks, boolean bottleneck) {
        this.blocks = blocks;
        this.bottleneck = bottleneck;
    }

    int[] blocksPerStage() {
        return blocks.clone();
    }

    boolean bottleneck() {
        return bottleneck;
    }

    /** Channels of the pre-logits vector at width 1 (512 for ResNet-18, 2048 for ResNet-50). */
    int baseFeatureChannels() {
        return bottleneck ? 2048 : 512;
    }

    /** Accepts "resnet18", "ResNet-18", "RESNET18". */
    public static Arch parse(String text) {
        String t = text.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (Arch a : values()) {
            if (a.name().equals(t)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown arch '" + text + "' (expected resnet18 or resnet50)");
    }
}
