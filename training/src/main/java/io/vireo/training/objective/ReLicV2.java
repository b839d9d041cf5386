package io.vireo.training.objective;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import io.vireo.training.augment.Batch;
import io.vireo.training.loss.ReLicV2Loss;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.ResNetGraphs;
import io.vireo.training.nn.ExternalLossTraining;
import io.vireo.training.nn.LossOracle;
import io.vireo.training.optim.EmaSchedule;
import io.vireo.training.optim.MomentumSgd;
import io.vireo.training.pretext.MultiCropViews;

/**
 * ReLICv2: online network (encoder + projection head) trained with {@link ReLicV2Loss} against an EMA
 * target network (γ on a cosine schedule from γ₀ to 1).
 *
 * <p>Batch layout ({@link io.vireo.training.pretext.PretextBatches#multiCrop}): {@code first} = L·N large
 * views, view-major; {@code second} = S·N small views, view-major, or null. Per step: target embeddings
 * of the large views (no gradient); one online pass over all large views and one over all small views
 * (the sizes differ, so they cannot share a batch; same-size crops share one, as in SwAV/ReLICv2
 * implementations); the two flat gradients are summed and the online network takes one SGD step; then
 * the target is EMA-updated, as in the paper's Algorithm 1.
 */
public final class ReLicV2 implements Objective {
    public static final String METHOD = "relic-v2";

    private final EncoderSpec spec;
    private final ReLicV2Settings settings;
    private final int largeViews;
    private final ComputationGraph online;
    private final ComputationGraph target;
    private final MomentumSgd sgd;
    private final EmaSchedule ema;
    private final INDArray trainableMask;

    /** @param views the multi-crop recipe the batches are built with (fixes how {@code first} is split) */
    public ReLicV2(EncoderSpec spec, ReLicV2Settings settings, MultiCropViews views, long seed) {
        MethodCompatibility.requireMultiCrop(spec, views);
        this.spec = spec;
        this.settings = settings;
        this.largeViews = views.large();
        this.online = ResNetGraphs.trainableEncoderWithHead(spec, settings.head(), seed, DataType.FLOAT);
        this.target = ResNetGraphs.encoderWithHead(spec, settings.head(), seed, DataType.FLOAT);
        target.params().assign(online.params());
        this.sgd = new MomentumSgd(online, settings.sgdMomentum(), settings.weightDecay());
        this.ema = new EmaSchedule(settings.emaBase(), settings.totalSteps());
        this.trainableMask = MomentumSgd.runningStatMaskFor(online).rsub(1.0);
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public StepStats step(Batch batch, double lr, long step) {
        List<INDArray> large = split(batch.first(), largeViews);
        int n = (int) large.get(0).size(0);
        int smallViews = batch.second() == null ? 0 : (int) (batch.second().size(0) / n);
        if (batch.second() != null && batch.second().size(0) != (long) smallViews * n) {
            throw new IllegalArgumentException("batch: " + batch.second().size(0) + " small views is not a multiple of " + n);
        }
        List<INDArray> targets = new ArrayList<>();
        for (INDArray v : large) {
            // Training-mode BN (batch statistics), no backward: running statistics are untouched.
            targets.add(target.outputSingle(true, v).dup());
        }
        double scale = (double) (largeViews + smallViews) * largeViews;
        double[] metrics = new double[3]; // contrastive, kl, accuracy (sums)

        ExternalLossTraining.Result a = ExternalLossTraining.step(online, batch.first(), settings.head().outDim(),
                oracle(largeViews, targets, scale, metrics));
        INDArray grad = a.flatGradient().dup();
        double loss = a.loss();
        if (smallViews > 0) {
            ExternalLossTraining.Result b = ExternalLossTraining.step(online, batch.second(), settings.head().outDim(),
                    oracle(smallViews, targets, scale, metrics));
            // BN running-statistic entries are "new value" deltas, not gradients: keep the large pass's
            // (full-resolution statistics, what evaluation sees) and add only the trainable part of the small pass.
            grad.addi(b.flatGradient().mul(trainableMask));
            loss += b.loss();
        }
        sgd.step(online.params(), grad, lr);
        ema.update(target.params(), online.params(), step);
        return new StepStats(loss, Map.of("contrastive", metrics[0] / scale, "kl", metrics[1] / scale,
                "accuracy", metrics[2] / scale, "ema", ema.at(step)));
    }

    /** Oracle for one pass over {@code views} online views stacked view-major; its share of the multi-crop loss. */
    private LossOracle oracle(int views, List<INDArray> targets, double scale, double[] metrics) {
        return out -> {
            ReLicV2Loss.Sums s = ReLicV2Loss.sumOverTargets(split(out, views), targets, settings.temperature(), settings.beta());
            metrics[0] += s.contrastive();
            metrics[1] += s.kl();
            metrics[2] += s.accuracy();
            INDArray grad = org.nd4j.linalg.factory.Nd4j.concat(0, s.gradOnline().toArray(INDArray[]::new)).divi(scale);
            return new LossOracle.Evaluation(s.loss() / scale, grad);
        };
    }

    private static List<INDArray> split(INDArray stacked, int views) {
        long total = stacked.size(0);
        if (total % views != 0) {
            throw new IllegalArgumentException("batch: " + total + " rows cannot be split into " + views + " views");
        }
        long n = total / views;
        List<INDArray> out = new ArrayList<>();
        for (int v = 0; v < views; v++) {
            INDArrayIndex[] idx = new INDArrayIndex[stacked.rank()];
            idx[0] = NDArrayIndex.interval(v * n, (v + 1) * n);
            for (int d = 1; d < idx.length; d++) {
                idx[d] = NDArrayIndex.all();
            }
            out.add(stacked.get(idx).dup());
        }
        return out;
    }

    @Override
    public ComputationGraph encoder() {
        return online;
    }

    public ComputationGraph targetNetwork() {
        return target;
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        s.put("online.params", online.params());
        s.put("target.params", target.params());
        s.put("sgd.velocity", sgd.velocity());
        return s;
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        ObjectiveState.copyInto("online.params", ObjectiveState.require(state, "online.params"), online.params());
        ObjectiveState.copyInto("target.params", ObjectiveState.require(state, "target.params"), target.params());
        sgd.restoreVelocity(ObjectiveState.require(state, "sgd.velocity"));
    }

    @Override
    public Map<String, String> identity() {
        Map<String, String> id = ObjectiveState.encoderIdentity(METHOD, spec);
        id.put("head.hidden", Integer.toString(settings.head().hidden()));
        id.put("head.outDim", Integer.toString(settings.head().outDim()));
        id.put("largeCrops", Integer.toString(largeViews));
        return id;
    }
}
