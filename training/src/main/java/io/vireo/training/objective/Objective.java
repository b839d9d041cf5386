package io.vireo.training.objective;

import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.augment.Batch;

/**
 * A self-supervised method: owns its networks, loss and optimiser state, and performs one update
 * per batch. The {@link io.vireo.training.Trainer} loop knows nothing else about it. New methods
 * (ReLICv2, video frame/region, PIRL, rotation, jigsaw…) are one Objective class plus one loss class.
 */
public interface Objective {
    /** Method name as used in configs ("moco-v2"). */
    String method();

    /** One optimisation step on {@code batch} with learning rate {@code lr}; {@code step} is 0-based. */
    StepStats step(Batch batch, double lr, long step);

    /** The online network; its {@link io.vireo.training.model.ResNetGraphs#FEATURES} vertex is the representation. */
    ComputationGraph encoder();

    /**
     * Everything needed to continue training exactly: parameters, target/momentum networks,
     * optimiser state, queues. Arrays are copied by the checkpoint writer.
     */
    Map<String, INDArray> state();

    /** Inverse of {@link #state()}; fails naming the entry if a shape does not match. */
    void restore(Map<String, INDArray> state);

    /** Settings that must match for a checkpoint to be loadable (architecture, dims, queue size…). */
    Map<String, String> identity();
}
