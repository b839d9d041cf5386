package io.vireo.eval.encoder;

import org.deeplearning4j.nn.graph.ComputationGraph;

import io.vireo.training.model.EncoderSpec;

/**
 * A frozen encoder to evaluate: a graph with a {@code features} (pre-logits) vertex.
 *
 * @param origin "random-init seed S" or the checkpoint file, for reports and errors
 * @param step   training steps behind the weights (0 for a random initialisation)
 */
public record Encoder(ComputationGraph graph, EncoderSpec spec, String origin, long step) {

    public int featureDim() {
        return spec.featureDim();
    }
}
