package io.vireo.training.model;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Copies a DL4J layer configuration's settings into an instance of a subclass (or back). DL4J's builders
 * own the defaults and the validation but can only produce their own class, so Vireo's faster layers are
 * configured by building DL4J's configuration and copying it field by field.
 */
public final class LayerSettings {
    private LayerSettings() {
    }

    /** Every instance field declared in {@code type} and its superclasses, from {@code from} into {@code to}. */
    public static <T> void copy(Class<T> type, T from, T to) {
        for (Class<?> k = type; k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                try {
                    f.set(to, f.get(from));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot copy " + k.getSimpleName() + "." + f.getName(), e);
                }
            }
        }
    }
}
