package io.vireo.training.model.convolution;

import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.model.LayerSettings;

/**
 * DL4J's {@link ConvolutionLayer} configuration whose layer ({@link ForwardOnceConvolutionLayer}) does not run
 * its convolution a second time in backprop. Same parameters and layout as DL4J's layer.
 */
public class ForwardOnceConvolution extends ConvolutionLayer {
    private static final long serialVersionUID = 1L;

    /** For Jackson and {@link #clone()}; use {@link #of(ConvolutionLayer)}. */
    public ForwardOnceConvolution() {
    }

    /** The same configuration as {@code built} (made by DL4J's builder, which owns defaults and checks). */
    public static ForwardOnceConvolution of(ConvolutionLayer built) {
        ForwardOnceConvolution c = new ForwardOnceConvolution();
        LayerSettings.copy(ConvolutionLayer.class, built, c);
        return c;
    }

    /** DL4J's own layer with these settings, for A/B measurements against it. */
    public ConvolutionLayer toDl4j() {
        ConvolutionLayer c = new ConvolutionLayer();
        LayerSettings.copy(ConvolutionLayer.class, this, c);
        return c;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
            INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerSettings.wire(new ForwardOnceConvolutionLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams, initializer());
    }

    @Override
    public ForwardOnceConvolution clone() {
        return (ForwardOnceConvolution) super.clone();
    }
}
