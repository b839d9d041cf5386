package io.vireo.training.objective;

import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.augment.Batch;
import io.vireo.training.loss.TripletLoss;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.ResNetGraphs;
import io.vireo.training.nn.LossOracle;

/**
 * Exemplar (Dosovitskiy et al. 2014; the triplet form of "Revisiting SSL"): the heavily augmented views
 * of one image are a surrogate class; encoder + projection head trained with the batch-hard
 * {@link TripletLoss} on the L2-normalised embeddings. Batch layout
 * ({@link io.vireo.training.pretext.PretextBatches#exemplar}): {@code first} = V·N views, example-major;
 * {@code labels} = the view's image (its triplet group).
 */
public final class ExemplarObjective extends OnlineNetworkObjective {
    public static final String METHOD = "exemplar";

    private final ExemplarSettings settings;

    public ExemplarObjective(EncoderSpec spec, ExemplarSettings settings, long seed) {
        super(METHOD, spec, ResNetGraphs.trainableEncoderWithHead(spec, settings.head(), seed, DataType.FLOAT),
                settings.optimiser());
        this.settings = settings;
    }

    @Override
    public StepStats step(Batch batch, double lr, long step) {
        if (batch.labels().length != batch.size()) {
            throw new IllegalArgumentException("batch: " + batch.labels().length + " group ids for " + batch.size() + " views");
        }
        double[] active = new double[1];
        LossOracle oracle = embeddings -> {
            TripletLoss.Result r = TripletLoss.batchHard(embeddings, batch.labels(), settings.margin());
            active[0] = r.activeFraction();
            return new LossOracle.Evaluation(r.loss(), r.gradEmbeddings());
        };
        double loss = trainStep(batch.first(), settings.head().outDim(), oracle, lr);
        return new StepStats(loss, Map.of("activeTriplets", active[0]));
    }

    @Override
    void putState(Map<String, INDArray> state) {
        // network + SGD only
    }

    @Override
    void restoreState(Map<String, INDArray> state) {
        // network + SGD only
    }

    @Override
    void putIdentity(Map<String, String> identity) {
        identity.put("head.hidden", Integer.toString(settings.head().hidden()));
        identity.put("head.outDim", Integer.toString(settings.head().outDim()));
    }
}
