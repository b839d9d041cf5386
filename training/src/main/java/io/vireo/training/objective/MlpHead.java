package io.vireo.training.objective;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Two {@link LinearHead}s with a ReLU between them: the classifier that relative patch location puts on
 * the concatenated patch features (Doersch et al.'s fc7–fc8 after the pair's fc6; the Revisiting SSL code's
 * "fully_connected", there with BN and dropout, not here). A single linear layer on [f(centre), f(neighbour)]
 * can only add a score per patch; the hidden layer lets the prediction depend on the two patches jointly.
 */
public final class MlpHead implements ClassifierHead {
    private final LinearHead hidden;
    private final LinearHead out;

    public MlpHead(int in, int hiddenUnits, int outUnits, long seed, double momentum, double weightDecay) {
        this.hidden = new LinearHead(in, hiddenUnits, seed, momentum, weightDecay);
        this.out = new LinearHead(hiddenUnits, outUnits, seed + 1, momentum, weightDecay);
    }

    @Override
    public INDArray forward(INDArray x) {
        return out.forward(Transforms.relu(hidden.forward(x), false));
    }

    /** Stores both layers' gradients for {@link #update} and returns dL/dx; recomputes the hidden layer from x. */
    @Override
    public INDArray backward(INDArray x, INDArray dy) {
        INDArray pre = hidden.forward(x);
        INDArray dh = out.backward(Transforms.relu(pre, true), dy);
        return hidden.backward(x, dh.muli(pre.gt(0).castTo(dh.dataType())));
    }

    @Override
    public void update(double lr) {
        hidden.update(lr);
        out.update(lr);
    }

    public int hiddenUnits() {
        return hidden.out();
    }

    /** Both layers' {@link LinearHead#state()}, hidden layer first. */
    @Override
    public INDArray state() {
        return Nd4j.concat(0, hidden.state(), out.state());
    }

    @Override
    public void restore(INDArray s) {
        INDArray flat = s.reshape(-1);
        long first = 2L * (hidden.in() + 1) * hidden.out();
        long second = 2L * (out.in() + 1) * out.out();
        if (flat.length() != first + second) {
            throw new IllegalArgumentException("head state has " + flat.length() + " values, expected " + (first + second));
        }
        hidden.restore(flat.get(NDArrayIndex.interval(0, first)));
        out.restore(flat.get(NDArrayIndex.interval(first, first + second)));
    }
}
