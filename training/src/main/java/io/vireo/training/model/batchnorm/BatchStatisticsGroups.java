package io.vireo.training.model.batchnorm;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;

/** Switches a whole network's batch norm to per-group batch statistics (see {@link FewPassBatchNormLayer#useStatisticsGroups}). */
public final class BatchStatisticsGroups {
    private BatchStatisticsGroups() {
    }

    /**
     * Makes every batch-norm layer of {@code graph} normalise training-mode forwards in {@code groups}
     * consecutive slices of the batch.
     *
     * @throws IllegalArgumentException if a batch-norm layer is not a {@link FewPassBatchNormLayer}
     *                                  (DL4J's own layer has no grouped statistics); nothing is changed then
     */
    public static void use(ComputationGraph graph, int groups) {
        for (Layer layer : graph.getLayers()) {
            if (layer instanceof BatchNormalization && !(layer instanceof FewPassBatchNormLayer)) {
                throw new IllegalArgumentException("batch-norm layer '" + layer.conf().getLayer().getLayerName()
                        + "' is DL4J's " + layer.getClass().getSimpleName() + ", which has no per-group statistics");
            }
        }
        for (Layer layer : graph.getLayers()) {
            if (layer instanceof FewPassBatchNormLayer bn) {
                bn.useStatisticsGroups(groups);
            }
        }
    }
}
