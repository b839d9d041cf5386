package io.vireo.training.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Encoder architecture: family plus depth. The three families and their layouts follow the released
 * models of Kolesnikov et al. 2019 ("Revisiting Self-Supervised Visual Representation Learning"),
 * see {@link RevNetTrunk} and {@link VggTrunk}.
 */
public enum Arch {
    RESNET18(Family.RESNET, new int[] {2, 2, 2, 2}, false),
    RESNET50(Family.RESNET, new int[] {3, 4, 6, 3}, true),
    /** ResNet-50 v2 layout with reversible (additive coupling) bottleneck units. */
    REVNET50(Family.REVNET, new int[] {3, 4, 6, 3}, true),
    /** VGG-19 with BatchNorm after every convolution, fc6/fc7 as convolutions. */
    VGG19_BN(Family.VGG, new int[] {2, 2, 4, 4, 4}, false);

    /** How the graph is built; decides which {@link ResNetVersion}s and input sizes make sense. */
    public enum Family { RESNET, REVNET, VGG }

    private final Family family;
    private final int[] blocks;
    private final boolean bottleneck;

    Arch(Family family, int[] blocks, boolean bottleneck) {
        this.family = family;
        this.blocks = blocks;
        this.bottleneck = bottleneck;
    }

    public Family family() {
        return family;
    }

    /** Residual units per stage (ResNet, RevNet) or convolutions per block (VGG). */
    int[] blocksPerStage() {
        return blocks.clone();
    }

    boolean bottleneck() {
        return bottleneck;
    }

    /**
     * Unit orderings this arch has: ResNets both; RevNet is built from pre-activation units only (v2);
     * VGG's conv-BN-ReLU is the post-activation order (v1).
     */
    public boolean supports(ResNetVersion version) {
        return switch (family) {
            case RESNET -> true;
            case REVNET -> version == ResNetVersion.V2;
            case VGG -> version == ResNetVersion.V1;
        };
    }

    /** The spelling configs use: resnet18, resnet50, revnet50, vgg19-bn. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Accepts "resnet18", "ResNet-18", "RESNET18", "vgg19-bn", "VGG19_BN", "revnet50". */
    public static Arch parse(String text) {
        String t = normalised(text);
        for (Arch a : values()) {
            if (normalised(a.name()).equals(t)) {
                return a;
            }
        }
        throw new IllegalArgumentException("arch: unknown '" + text + "' (expected one of "
                + Arrays.stream(values()).map(Arch::configName).collect(Collectors.joining(", ")) + ")");
    }

    private static String normalised(String s) {
        return s.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
