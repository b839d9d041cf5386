package io.vireo.training.objective;

import java.util.Locale;

/**
 * How the key encoder is kept from reading batch statistics shared with its queries — the
 * "information leak" MoCo fixes with Shuffling BN across GPUs. On one device:
 * <ul>
 * <li>{@link #SHUFFLED_GROUPS} (default): keys are permuted, split into G groups, each normalised
 * with its own batch statistics, then un-permuted. A query and its positive key therefore see
 * unrelated BN statistics, exactly as with G GPUs in ShuffleBN (the query side uses the whole batch).
 * <li>{@link #KEY_EVAL_MODE}: the key encoder uses its running (EMA) statistics. No leak either,
 * but early in training the running statistics lag far behind, so keys are poor until they settle.
 * </ul>
 */
public enum BnLeakGuard {
    SHUFFLED_GROUPS, KEY_EVAL_MODE;

    public static BnLeakGuard parse(String s) {
        for (BnLeakGuard g : values()) {
            if (g.name().replace('_', '-').equalsIgnoreCase(s) || g.name().equalsIgnoreCase(s)) {
                return g;
            }
        }
        throw new IllegalArgumentException("moco.bnGuard: unknown '" + s + "' (expected shuffled-groups or key-eval-mode)");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
