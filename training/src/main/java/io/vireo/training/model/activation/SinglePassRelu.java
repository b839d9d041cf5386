package io.vireo.training.model.activation;

import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.model.LayerSettings;

/**
 * DL4J's ReLU {@link ActivationLayer} whose layer ({@link SinglePassReluLayer}) makes one pass over
 * the activations each way instead of two. Same configuration class hierarchy and no parameters, so
 * anything that looks for activation layers by type, and every checkpoint, is unaffected.
 */
public class SinglePassRelu extends ActivationLayer {
    private static final long serialVersionUID = 1L;

    public SinglePassRelu() {
        super(Activation.RELU);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
            INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerSettings.wire(new SinglePassReluLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams, initializer());
    }

    /** DL4J's own ReLU layer, for A/B measurements against it. */
    public ActivationLayer toDl4j() {
        ActivationLayer dl4j = new ActivationLayer(Activation.RELU);
        dl4j.setLayerName(getLayerName());
        dl4j.setIDropout(getIDropout());
        return dl4j;
    }

    @Override
    public SinglePassRelu clone() {
        return (SinglePassRelu) super.clone();
    }
}
