package io.vireo.bench;

import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;

/**
 * Floating-point operations of a network's forward pass for one image, counted the usual way: a
 * multiply-add is 2 FLOPs, only convolutions and dense layers are counted (batch norm, activations and
 * pooling are a few percent and memory-bound). The same count for the PyTorch model, which has the same
 * layers, so achieved GFLOP/s compare like for like.
 */
final class ModelFlops {
    private ModelFlops() {
    }

    static double forwardPerImage(ComputationGraphConfiguration conf, int height, int width, int channels) {
        Map<String, InputType> outputs = conf.getLayerActivationTypes(InputType.convolutional(height, width, channels));
        double flops = 0;
        for (Map.Entry<String, GraphVertex> v : conf.getVertices().entrySet()) {
            if (!(v.getValue() instanceof LayerVertex lv)) {
                continue;
            }
            var layer = lv.getLayerConf().getLayer();
            if (layer instanceof ConvolutionLayer conv) {
                InputType.InputTypeConvolutional out = (InputType.InputTypeConvolutional) outputs.get(v.getKey());
                int[] k = conv.getKernelSize();
                flops += 2.0 * k[0] * k[1] * conv.getNIn() * conv.getNOut() * out.getHeight() * out.getWidth();
            } else if (layer instanceof DenseLayer || layer instanceof OutputLayer) {
                FeedForwardLayer dense = (FeedForwardLayer) layer;
                flops += 2.0 * dense.getNIn() * dense.getNOut();
            }
        }
        return flops;
    }

    /**
     * One MoCo v2 step: the query network forward and backward (backward ≈ 2× forward: gradients of
     * inputs and of weights), the key network forward, and the logits against the queue (forward and
     * the query's gradient).
     */
    static double mocoStep(double forwardPerImage, int batch, int embedding, int queue) {
        return 4 * batch * forwardPerImage + 4.0 * batch * embedding * queue;
    }
}
