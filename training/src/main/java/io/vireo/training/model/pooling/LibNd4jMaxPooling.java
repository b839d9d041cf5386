package io.vireo.training.model.pooling;

import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.model.LayerSettings;

/**
 * DL4J's {@link SubsamplingLayer} configuration whose layer ({@link LibNd4jMaxPoolingLayer}) runs max
 * pooling on libnd4j's own CPU kernels instead of oneDNN's. Called through libnd4j, oneDNN's max pooling
 * measured 34 ms forward and 50–70 ms backward (its backward recomputes the forward for oneDNN's
 * workspace) at 64×64×32×32, libnd4j's kernels 4.4 and 18 ms with identical results, ties included.
 */
public class LibNd4jMaxPooling extends SubsamplingLayer {
    private static final long serialVersionUID = 1L;

    /** For Jackson and {@link #clone()}; use {@link #of(SubsamplingLayer)}. */
    public LibNd4jMaxPooling() {
    }

    /** The same configuration as {@code built} (made by DL4J's builder, which owns defaults and checks). */
    public static LibNd4jMaxPooling of(SubsamplingLayer built) {
        if (built.getPoolingType() != org.deeplearning4j.nn.conf.layers.PoolingType.MAX) {
            throw new IllegalArgumentException("LibNd4jMaxPooling is max pooling; got " + built.getPoolingType());
        }
        LibNd4jMaxPooling c = new LibNd4jMaxPooling();
        LayerSettings.copy(SubsamplingLayer.class, built, c);
        return c;
    }

    /** DL4J's own layer with these settings, for A/B measurements against it. */
    public SubsamplingLayer toDl4j() {
        SubsamplingLayer c = new SubsamplingLayer();
        LayerSettings.copy(SubsamplingLayer.class, this, c);
        return c;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
            INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerSettings.wire(new LibNd4jMaxPoolingLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams, initializer());
    }

    @Override
    public LibNd4jMaxPooling clone() {
        return (LibNd4jMaxPooling) super.clone();
    }
}
