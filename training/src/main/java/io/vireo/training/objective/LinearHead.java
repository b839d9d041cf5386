package io.vireo.training.objective;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A linear layer y = xW + b kept outside DL4J, with its own heavy-ball SGD (same semantics as
 * {@link io.vireo.training.optim.MomentumSgd}). Used where the head's input is assembled from several
 * encoder passes (patch features concatenated per example: relative patch location, jigsaw, PIRL), a
 * shape DL4J's graph cannot express with a shared trunk. Two matmuls forward and backward, so keeping
 * it here costs nothing and its gradient is easy to check.
 */
public final class LinearHead implements ClassifierHead {
    private final INDArray w;
    private final INDArray b;
    private final INDArray vw;
    private final INDArray vb;
    private final double momentum;
    private final double weightDecay;
    private INDArray gw;
    private INDArray gb;

    public LinearHead(int in, int out, long seed, double momentum, double weightDecay) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("head: in and out must be >= 1, got " + in + " x " + out);
        }
        // Xavier-uniform from a local generator, so the head does not depend on Nd4j's global RNG state.
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double limit = Math.sqrt(6.0 / (in + out));
        float[] init = new float[in * out];
        for (int i = 0; i < init.length; i++) {
            init[i] = (float) ((r.nextDouble() * 2 - 1) * limit);
        }
        this.w = Nd4j.create(init, new long[] {in, out}, 'c');
        this.b = Nd4j.zeros(DataType.FLOAT, 1, out);
        this.vw = Nd4j.zeros(DataType.FLOAT, in, out);
        this.vb = Nd4j.zeros(DataType.FLOAT, 1, out);
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    @Override
    public INDArray forward(INDArray x) {
        return x.mmul(w).addiRowVector(b);
    }

    /** Stores dW, db for {@link #update} and returns dL/dx. */
    @Override
    public INDArray backward(INDArray x, INDArray dy) {
        gw = x.transpose().mmul(dy);
        gb = dy.sum(true, 0);
        return dy.mmul(w.transpose());
    }

    /** v ← μv + (g + λw);  w ← w − lr·v  (bias not decayed). */
    @Override
    public void update(double lr) {
        if (gw == null) {
            throw new IllegalStateException("update without backward");
        }
        vw.muli(momentum).addi(gw).addi(w.mul(weightDecay));
        vb.muli(momentum).addi(gb);
        w.subi(vw.mul(lr));
        b.subi(vb.mul(lr));
        gw = null;
        gb = null;
    }

    public int in() {
        return (int) w.size(0);
    }

    public int out() {
        return (int) w.size(1);
    }

    /** Parameters and velocities, flattened in a fixed order: w, b, vw, vb. */
    @Override
    public INDArray state() {
        return Nd4j.concat(0, w.reshape(-1), b.reshape(-1), vw.reshape(-1), vb.reshape(-1));
    }

    @Override
    public void restore(INDArray s) {
        long nw = w.length(), nb = b.length();
        if (s.length() != 2 * (nw + nb)) {
            throw new IllegalArgumentException("head state has " + s.length() + " values, expected " + 2 * (nw + nb));
        }
        INDArray flat = s.reshape(-1);
        w.assign(flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, nw)).reshape(w.shape()));
        b.assign(flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(nw, nw + nb)).reshape(b.shape()));
        vw.assign(flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(nw + nb, 2 * nw + nb)).reshape(w.shape()));
        vb.assign(flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2 * nw + nb, 2 * nw + 2 * nb)).reshape(b.shape()));
    }
}
