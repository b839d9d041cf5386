package io.vireo.training.optim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * SGD with heavy-ball momentum and coupled L2 weight decay, PyTorch semantics
 * ({@code torch.optim.SGD(momentum, weight_decay, nesterov=False)}, as MoCo v2 uses):
 * v ← μ·v + (g + λ·w);  w ← w − lr·v.
 *
 * <p>Works on DL4J's flat parameter and gradient vectors. BatchNorm running mean/variance are
 * parameters in DL4J, and their "gradient" is constructed so that {@code w − g} is the new running
 * value; those entries are excluded from momentum, decay and lr (their velocity stays 0) and get {@code w −= g}.
 */
public final class MomentumSgd {
    private final double momentum;
    private final double weightDecay;
    private final INDArray velocity;
    /** [from, to) ranges of the flat vector holding BN running statistics, adjacent ranges merged. */
    private final List<long[]> runningStatRanges;

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
        this.runningStatRanges = runningStatRangesOf(graph);
    }

    /**
     * One update of {@code graph.params()} in place from the flat gradient: μ·v, + g and two BLAS axpy over
     * the whole vector (the masked formulation took ten ND4J passes with temporaries, ~10x the time at
     * ResNet-18 size); the few running-statistics entries are then overwritten with their own rule.
     */
    public void step(INDArray params, INDArray gradient, double lr) {
        INDArray w = params.reshape(params.length());
        INDArray g = gradient.reshape(gradient.length());
        List<INDArray> statsAfter = new ArrayList<>(runningStatRanges.size());
        for (long[] r : runningStatRanges) {
            statsAfter.add(w.get(NDArrayIndex.interval(r[0], r[1])).sub(g.get(NDArrayIndex.interval(r[0], r[1]))));
        }
        Level1 blas = Nd4j.getBlasWrapper().level1();
        velocity.muli(momentum).addi(g);
        if (weightDecay != 0) {
            blas.axpy(w.length(), weightDecay, w, velocity);
        }
        blas.axpy(w.length(), -lr, velocity, w);
        for (int i = 0; i < runningStatRanges.size(); i++) {
            long[] r = runningStatRanges.get(i);
            w.get(NDArrayIndex.interval(r[0], r[1])).assign(statsAfter.get(i));
            velocity.get(NDArrayIndex.interval(r[0], r[1])).assign(0);
        }
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
        for (long[] r : runningStatRangesOf(graph)) {
            mask.get(NDArrayIndex.interval(r[0], r[1])).assign(1.0);
        }
        return mask;
    }

    private static List<long[]> runningStatRangesOf(ComputationGraph graph) {
        long base = graph.params().offset();
        List<long[]> ranges = new ArrayList<>();
        for (Layer layer : graph.getLayers()) {
            if (!(layer instanceof BatchNormalization)) {
                continue;
            }
            for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                String key = e.getKey();
                if (key.equals("mean") || key.equals("var") || key.equals("log10stdev")) {
                    long from = e.getValue().offset() - base;
                    ranges.add(new long[] {from, from + e.getValue().length()});
                }
            }
        }
        ranges.sort(Comparator.comparingLong(r -> r[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] r : ranges) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last[1] == r[0]) {
                last[1] = r[1];
            } else {
                merged.add(r.clone());
            }
        }
        return merged;
    }
}
