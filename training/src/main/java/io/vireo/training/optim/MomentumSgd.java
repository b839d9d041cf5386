package io.vireo.training.optim;

import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SGD with heavy-ball momentum and coupled L2 weight decay, PyTorch semantics
 * ({@code torch.optim.SGD(momentum, weight_decay, nesterov=False)}, as MoCo v2 uses):
 * v ← μ·v + (g + λ·w);  w ← w − lr·v.
 *
 * <p>Works on DL4J's flat parameter and gradient vectors. BatchNorm running mean/variance are
 * parameters in DL4J, and their "gradient" is constructed so that {@code w − g} is the new running
 * value; those entries are excluded from momentum, decay and lr (mask 0) and get {@code w −= g}.
 */
public final class MomentumSgd {
    private final double momentum;
    private final double weightDecay;
    private final INDArray velocity;
    private final INDArray trainable;
    private final INDArray runningStats;

    public MomentumSgd(ComputationGraph graph, double momentum, double weightDecay) {
        if (momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("momentum: must be in [0, 1), got " + momentum);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weightDecay: must be >= 0, got " + weightDecay);
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        INDArray params = graph.params();
        this.velocity = Nd4j.zeros(params.dataType(), params.length());
        this.runningStats = runningStatMaskFor(graph);
        this.trainable = runningStats.rsub(1.0);
    }

    /** One update of {@code graph.params()} in place from the flat gradient. */
    public void step(INDArray params, INDArray gradient, double lr) {
        INDArray w = params.reshape(params.length());
        INDArray g = gradient.reshape(gradient.length());
        INDArray stats = g.mul(runningStats);
        INDArray d = weightDecay == 0 ? g.mul(trainable) : g.add(w.mul(weightDecay)).muli(trainable);
        velocity.muli(momentum).addi(d);
        w.subi(velocity.mul(lr)).subi(stats);
    }

    /** The optimizer state to checkpoint. */
    public INDArray velocity() {
        return velocity;
    }

    public void restoreVelocity(INDArray saved) {
        if (saved.length() != velocity.length()) {
            throw new IllegalArgumentException("optimizer state has " + saved.length() + " entries, network has "
                    + velocity.length());
        }
        velocity.assign(saved.reshape(velocity.length()));
    }

    /** 1 at BN running mean/var entries of the flat vector, 0 elsewhere. */
    public static INDArray runningStatMaskFor(ComputationGraph graph) {
        INDArray flat = graph.params();
        INDArray mask = Nd4j.zeros(flat.dataType(), flat.length());
        long base = flat.offset();
        for (Layer layer : graph.getLayers()) {
            if (!(layer instanceof BatchNormalization)) {
                continue;
            }
            for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                String key = e.getKey();
                if (key.equals("mean") || key.equals("var") || key.equals("log10stdev")) {
                    long from = e.getValue().offset() - base;
                    mask.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + e.getValue().length())).assign(1.0);
                }
            }
        }
        return mask;
    }
}
