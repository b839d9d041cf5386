package io.vireo.training.model;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What Vireo's faster layers share with DL4J's: their configurations are DL4J's configuration classes,
 * subclassed. DL4J's builders own the defaults and the validation but can only produce their own class, so
 * a configuration is built by DL4J and copied field by field; and each subclass instantiates its own layer
 * class, wired the way DL4J wires its layers.
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

    /** What DL4J's own {@code instantiate} does with a new layer: listeners, index, parameter views, configuration. */
    public static <L extends Layer> L wire(L layer, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, ParamInitializer initializer) {
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer.init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
