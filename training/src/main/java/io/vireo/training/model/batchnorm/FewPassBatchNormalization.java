package io.vireo.training.model.batchnorm;

import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.model.LayerSettings;

/**
 * DL4J's {@link BatchNormalization} configuration whose layer trains with {@link BatchNormMath}'s
 * fewer passes ({@link FewPassBatchNormLayer}). Same parameters, names, order and running-statistics
 * convention as DL4J's layer, so checkpoints and EMA copies cannot tell the two apart.
 */
public class FewPassBatchNormalization extends BatchNormalization {
    private static final long serialVersionUID = 1L;

    /** For Jackson and {@link #clone()}; use {@link #of(BatchNormalization)}. */
    public FewPassBatchNormalization() {
    }

    /**
     * The same configuration as {@code built} (made by DL4J's builder, which owns the defaults),
     * instantiating the few-pass layer. DL4J's builder can only produce its own class, so the
     * settings are copied field by field down the configuration's class hierarchy.
     */
    public static FewPassBatchNormalization of(BatchNormalization built) {
        FewPassBatchNormalization c = new FewPassBatchNormalization();
        copySettings(built, c);
        return c;
    }

    /** DL4J's own layer with these settings, for A/B measurements against it. */
    public BatchNormalization toDl4j() {
        BatchNormalization c = new BatchNormalization();
        copySettings(this, c);
        return c;
    }

    private static void copySettings(BatchNormalization from, BatchNormalization to) {
        LayerSettings.copy(BatchNormalization.class, from, to);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
            INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNOutSet("FewPassBatchNormalization", getLayerName(), layerIndex, getNOut());
        return LayerSettings.wire(new FewPassBatchNormLayer(conf, networkDataType), conf, listeners, layerIndex, layerParamsView,
                initializeParams, initializer());
    }

    @Override
    public FewPassBatchNormalization clone() {
        return (FewPassBatchNormalization) super.clone();
    }
}
