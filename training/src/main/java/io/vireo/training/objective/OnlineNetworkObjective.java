package io.vireo.training.objective;

import java.util.LinkedHashMap;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.model.EncoderSpec;
import io.vireo.training.nn.ExternalLossTraining;
import io.vireo.training.nn.LossOracle;
import io.vireo.training.optim.MomentumSgd;

/**
 * Base of the methods with one trainable network and no target network (Exemplar, PIRL): the network,
 * its SGD state, and the checkpoint/identity bookkeeping; subclasses add their own state (heads,
 * memory bank) through the hooks.
 */
abstract class OnlineNetworkObjective implements Objective {
    private final String method;
    private final EncoderSpec spec;
    private final ComputationGraph network;
    private final MomentumSgd sgd;

    /** @param network a trainable graph (ends in the external-loss layer) */
    OnlineNetworkObjective(String method, EncoderSpec spec, ComputationGraph network, PretextSettings optimiser) {
        this.method = method;
        this.spec = spec;
        this.network = network;
        this.sgd = new MomentumSgd(network, optimiser.sgdMomentum(), optimiser.weightDecay());
    }

    /** One forward and backward pass of the network with the loss from {@code oracle}, then one SGD step. */
    final double trainStep(INDArray input, int outputDim, LossOracle oracle, double lr) {
        ExternalLossTraining.Result r = ExternalLossTraining.step(network, input, outputDim, oracle);
        sgd.step(network.params(), r.flatGradient(), lr);
        return r.loss();
    }

    final EncoderSpec spec() {
        return spec;
    }

    @Override
    public final String method() {
        return method;
    }

    @Override
    public final ComputationGraph encoder() {
        return network;
    }

    @Override
    public final Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        s.put("network.params", network.params());
        s.put("sgd.velocity", sgd.velocity());
        putState(s);
        return s;
    }

    @Override
    public final void restore(Map<String, INDArray> state) {
        ObjectiveState.copyInto("network.params", ObjectiveState.require(state, "network.params"), network.params());
        sgd.restoreVelocity(ObjectiveState.require(state, "sgd.velocity"));
        restoreState(state);
    }

    @Override
    public final Map<String, String> identity() {
        Map<String, String> id = ObjectiveState.encoderIdentity(method, spec);
        putIdentity(id);
        return id;
    }

    /** Adds the subclass's checkpoint entries. */
    abstract void putState(Map<String, INDArray> state);

    /** Inverse of {@link #putState}. */
    abstract void restoreState(Map<String, INDArray> state);

    /** Adds the subclass's settings that fix its state's shapes. */
    abstract void putIdentity(Map<String, String> identity);
}
