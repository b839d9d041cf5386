package io.vireo.training.nn;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A DL4J loss function that asks a {@link LossOracle} bound for the current step.
 *
 * <p>Why not DL4J's external-errors path ({@code feedForward(.., clearInputs=false)} then
 * {@code backpropGradient(eps)})? In M2.1 with training workspaces enabled, that path fails in
 * BatchNormalization backprop ("outdated workspace pointer" in WS_LAYER_WORKING_MEM), and workspaces
 * off costs ~3x (DESIGN.md). Ending the graph in a parameter-free LossLayer with this loss lets
 * {@code computeGradientAndScore()} run forward and backward in one workspace-managed pass, with the
 * loss computed outside DL4J all the same.
 *
 * <p>The oracle is per-graph runtime state (not part of the configuration); it is bound and unbound
 * around each step by {@link ExternalLossTraining}.
 */
public final class ExternalLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;

    private transient LossOracle oracle;
    private transient LossOracle.Evaluation last;

    void bind(LossOracle o) {
        this.oracle = o;
        this.last = null;
    }

    LossOracle.Evaluation unbind() {
        LossOracle.Evaluation e = last;
        oracle = null;
        last = null;
        return e;
    }

    private LossOracle.Evaluation evaluate(INDArray preOutput, IActivation activationFn) {
        if (oracle == null) {
            throw new IllegalStateException("ExternalLoss used outside ExternalLossTraining.step (no oracle bound)");
        }
        if (!activationFn.getClass().getSimpleName().equals("ActivationIdentity")) {
            throw new IllegalStateException("ExternalLoss needs an identity activation, got " + activationFn);
        }
        // DL4J asks for the score and for the gradient in two calls on the same forward pass: evaluate the
        // oracle once per step, so oracles that accumulate metrics count them once and the loss is not
        // computed twice.
        if (last != null) {
            return last;
        }
        // Detached: DL4J calls score and gradient at different workspace scopes.
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            last = oracle.evaluate(preOutput);
            return last;
        }
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean average) {
        return evaluate(preOutput, activationFn).loss();
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        throw new UnsupportedOperationException("per-example scores are not defined for a batch-coupled loss");
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return evaluate(preOutput, activationFn).gradient().castTo(preOutput.dataType());
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        LossOracle.Evaluation e = evaluate(preOutput, activationFn);
        return new Pair<>(e.loss(), e.gradient());
    }

    @Override
    public String name() {
        return "external";
    }
}
