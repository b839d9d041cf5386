package io.vireo.training.model;

import java.util.Locale;

/** V1: post-activation (He et al. 2015). V2: pre-activation (He et al. 2016, "Identity Mappings"). */
public enum ResNetVersion {
    V1, V2;

    public static ResNetVersion parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ResNet version '" + text + "' (expected v1 or v2)");
        }
    }
}
