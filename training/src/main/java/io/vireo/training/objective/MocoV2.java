package io.vireo.training.objective;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.augment.Batch;
import io.vireo.training.loss.InfoNce;
import io.vireo.training.loss.InfoNceResult;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.ResNetGraphs;
import io.vireo.training.model.batchnorm.BatchStatisticsGroups;
import io.vireo.training.nn.ExternalLossTraining;
import io.vireo.training.nn.LossOracle;
import io.vireo.training.optim.EmaUpdate;
import io.vireo.training.optim.MomentumSgd;

/**
 * MoCo v2 (Chen et al. 2020): query encoder + MLP head trained with InfoNCE against the positive
 * key from a momentum (EMA) key encoder and a queue of K earlier keys.
 *
 * <p>Per step, as in the reference implementation: EMA-update the key network from the query
 * network, compute keys (no gradient, BN leak guard), InfoNCE on the queries, SGD step, enqueue keys.
 */
public final class MocoV2 implements Objective {
    public static final String METHOD = "moco-v2";

    private final String method;
    private final EncoderSpec spec;
    private final MocoV2Settings settings;
    private final long seed;
    private final ComputationGraph query;
    private final ComputationGraph key;
    private final MomentumSgd sgd;
    private final NegativeQueue queue;

    /**
     * @param datasetSize distinct examples in the source, or -1 if unbounded; a queue larger than
     *                    the dataset would hold the positive's own earlier keys as negatives
     */
    public MocoV2(EncoderSpec spec, MocoV2Settings settings, long seed, long datasetSize) {
        this(METHOD, spec, settings, seed, datasetSize);
    }

    /**
     * The same machinery under another method's name (video-frame, video-region, video-mixed differ from
     * moco-v2 only in their positives); the name goes into {@link #identity()}.
     */
    public MocoV2(String method, EncoderSpec spec, MocoV2Settings settings, long seed, long datasetSize) {
        this.method = method;
        if (datasetSize > 0 && settings.queueSize() > datasetSize) {
            throw new IllegalArgumentException("moco.queueSize: " + settings.queueSize()
                    + " is larger than the dataset (" + datasetSize + " images); every image would be its own negative");
        }
        this.spec = spec;
        this.settings = settings;
        this.seed = seed;
        this.query = ResNetGraphs.trainableEncoderWithHead(spec, settings.head(), seed, DataType.FLOAT);
        this.key = ResNetGraphs.encoderWithHead(spec, settings.head(), seed, DataType.FLOAT);
        if (key.params().length() != query.params().length()) {
            throw new IllegalStateException("key and query layouts differ: " + key.numParams() + " vs " + query.numParams());
        }
        key.params().assign(query.params());
        if (settings.bnGuard() == BnLeakGuard.SHUFFLED_GROUPS) {
            BatchStatisticsGroups.use(key, settings.bnGroups());
        }
        this.sgd = new MomentumSgd(query, settings.sgdMomentum(), settings.weightDecay());
        this.queue = new NegativeQueue(settings.queueSize(), settings.head().outDim(), seed + 1);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public StepStats step(Batch batch, double lr, long step) {
        if (settings.bnGuard() == BnLeakGuard.SHUFFLED_GROUPS && batch.size() % settings.bnGroups() != 0) {
            throw new IllegalArgumentException("batchSize: " + batch.size() + " is not divisible by moco.bnGroups "
                    + settings.bnGroups());
        }
        EmaUpdate.apply(key.params(), query.params(), settings.momentum());
        INDArray keys = keys(batch.second(), step);
        INDArray negatives = queue.negatives();
        double[] accuracy = new double[1];
        LossOracle oracle = q -> {
            InfoNceResult r = InfoNce.compute(q, keys, negatives, settings.temperature());
            accuracy[0] = r.accuracy();
            return new LossOracle.Evaluation(r.loss(), r.gradQuery());
        };
        ExternalLossTraining.Result r = ExternalLossTraining.step(query, batch.first(), settings.head().outDim(), oracle);
        sgd.step(query.params(), r.flatGradient(), lr);
        queue.enqueue(InfoNce.normalizeRows(keys));
        return new StepStats(r.loss(), Map.of("accuracy", accuracy[0]));
    }

    /** Key embeddings for the second views, with the batch-statistics leak guard. */
    INDArray keys(INDArray views, long step) {
        if (settings.bnGuard() == BnLeakGuard.KEY_EVAL_MODE) {
            return key.outputSingle(false, views);
        }
        int n = (int) views.size(0);
        int[] perm = permutation(n, new SplittableRandom(seed * 31 + step));
        INDArray shuffled = Nd4j.pullRows(views.reshape(n, -1), 1, perm).reshape(views.shape());
        // Training mode = each BN layer normalises each group of the shuffled batch with that group's own statistics
        // (set up in the constructor): the same keys as one forward per group, with the convolutions on the whole
        // batch. No backward, so running statistics are untouched.
        INDArray shuffledKeys = key.outputSingle(true, shuffled);
        int[] inverse = new int[n];
        for (int i = 0; i < n; i++) {
            inverse[perm[i]] = i;
        }
        return Nd4j.pullRows(shuffledKeys, 1, inverse);
    }

    /** Key forward alone, for throughput breakdowns. */
    public INDArray keyNetworkForTiming(INDArray views, long step) {
        return keys(views, step);
    }

    private static int[] permutation(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public ComputationGraph encoder() {
        return query;
    }

    /** The momentum key network (encoder + head). */
    public ComputationGraph keyNetwork() {
        return key;
    }

    public NegativeQueue queue() {
        return queue;
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        s.put("query.params", query.params());
        s.put("key.params", key.params());
        s.put("sgd.velocity", sgd.velocity());
        s.put("queue.entries", queue.negatives());
        s.put("queue.head", Nd4j.scalar(queue.head()));
        return s;
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        copyInto(state, "query.params", query.params());
        copyInto(state, "key.params", key.params());
        sgd.restoreVelocity(require(state, "sgd.velocity"));
        queue.restore(require(state, "queue.entries"), require(state, "queue.head").getLong(0));
    }

    private static INDArray require(Map<String, INDArray> state, String name) {
        INDArray a = state.get(name);
        if (a == null) {
            throw new IllegalArgumentException("checkpoint has no '" + name + "' (has " + state.keySet() + ")");
        }
        return a;
    }

    private static void copyInto(Map<String, INDArray> state, String name, INDArray target) {
        INDArray a = require(state, name);
        if (a.length() != target.length()) {
            throw new IllegalArgumentException("checkpoint entry '" + name + "' has " + a.length()
                    + " values, this network has " + target.length());
        }
        target.assign(a.reshape(target.shape()));
    }

    @Override
    public Map<String, String> identity() {
        Map<String, String> id = ObjectiveState.encoderIdentity(method, spec);
        id.put("head.hidden", Integer.toString(settings.head().hidden()));
        id.put("head.outDim", Integer.toString(settings.head().outDim()));
        id.put("queueSize", Integer.toString(settings.queueSize()));
        return id;
    }
}
