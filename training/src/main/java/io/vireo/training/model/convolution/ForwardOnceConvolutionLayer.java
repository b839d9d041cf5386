package io.vireo.training.model.convolution;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's convolution layer (oneDNN helper) without the second forward convolution in backprop. DL4J's
 * backprop asks for the layer's forward output only to apply the activation's derivative, and recomputes it
 * unless a forward cache holds it (a copy of every convolution output, ~5 GB more for ResNet-50 at 224 px,
 * batch 64). For the identity activation (every encoder convolution: batch norm follows) the derivative
 * ignores that output, so any array of its shape serves: the incoming gradient is handed over as the "cached"
 * output for the duration of the call. Other activations, or the helper-less path, go through DL4J as is.
 */
public class ForwardOnceConvolutionLayer extends ConvolutionLayer {
    public ForwardOnceConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!(layerConf().getActivationFn() instanceof ActivationIdentity) || getHelper() == null || preOutput != null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        preOutput = epsilon;
        try {
            return super.backpropGradient(epsilon, workspaceMgr);
        } finally {
            preOutput = null;
        }
    }
}
