package io.vireo.training.model;

import java.util.Arrays;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The encoder inside a trained network, as the flat parameters of the plain encoder graph
 * ({@link ResNetGraphs#encoder}): what evaluation loads, whatever method trained it. Every method's
 * online network is the encoder plus method-specific layers (a projection head, a classifier), and
 * the encoder's layers carry the same names in all of them, so the encoder is copied layer by layer.
 */
public final class EncoderWeights {

    /** The checkpoint entry holding them. */
    public static final String CHECKPOINT_ENTRY = "encoder.params";

    private EncoderWeights() {
    }

    /** Copies {@code trained}'s encoder layers (weights and batch-norm statistics) into a plain encoder's parameters. */
    public static INDArray extract(ComputationGraph trained, EncoderSpec spec) {
        ComputationGraph encoder = ResNetGraphs.encoder(spec, 0, DataType.FLOAT);
        for (Layer layer : encoder.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            if (layer.numParams() == 0) {
                continue;
            }
            Layer source = trained.getLayer(name);
            if (source == null) {
                throw new IllegalArgumentException("the trained network has no layer '" + name + "' of a " + spec.arch()
                        + " encoder");
            }
            INDArray from = source.params();
            INDArray to = layer.params();
            if (!Arrays.equals(from.shape(), to.shape())) {
                throw new IllegalArgumentException("layer '" + name + "' has parameters " + Arrays.toString(from.shape())
                        + " in the trained network but " + Arrays.toString(to.shape()) + " in a " + spec.arch() + " encoder");
            }
            to.assign(from.castTo(to.dataType()));
        }
        return encoder.params().dup();
    }
}
