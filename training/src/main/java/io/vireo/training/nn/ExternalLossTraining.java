package io.vireo.training.nn;

import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** One forward + backward of a graph ending in a {@link #LOSS} layer that uses {@link ExternalLoss}. */
public final class ExternalLossTraining {
    /** Name of the loss layer the graph factories append. */
    public static final String LOSS = "loss";

    private ExternalLossTraining() {
    }

    /**
     * @param outputDim columns of the graph output (labels are a placeholder of that shape)
     * @return the loss and DL4J's flat gradient view (valid until the next step on this graph)
     */
    public static Result step(ComputationGraph graph, INDArray input, int outputDim, LossOracle oracle) {
        ExternalLoss loss = lossOf(graph);
        loss.bind(oracle);
        try {
            graph.setInputs(input);
            graph.setLabels(Nd4j.zeros(input.dataType(), input.size(0), outputDim));
            graph.computeGradientAndScore();
            LossOracle.Evaluation e = loss.unbind();
            return new Result(e.loss(), graph.getGradientsViewArray());
        } finally {
            loss.unbind();
            graph.clearLayersStates();
        }
    }

    static ExternalLoss lossOf(ComputationGraph graph) {
        if (graph.getVertex(LOSS) == null || !(graph.getLayer(LOSS).conf().getLayer() instanceof LossLayer ll)
                || !(ll.getLossFn() instanceof ExternalLoss ext)) {
            throw new IllegalArgumentException("graph has no '" + LOSS + "' LossLayer with an ExternalLoss");
        }
        return ext;
    }

    public record Result(double loss, INDArray flatGradient) {
    }
}
