package io.vireo.training.objective;

import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.augment.Batch;

/**
 * Base of the methods that are "P images per example → encoder → concatenated features → C-way
 * softmax": rotation (P = 1), relative patch location (P = 2), jigsaw (P = 9), supervised (P = 1).
 * Subclasses only say how a {@link Batch} becomes the example-major N·P input.
 */
abstract class ClassificationObjective implements Objective {
    private final String method;
    private final int classes;
    private final PatchClassifier classifier;

    ClassificationObjective(String method, io.vireo.training.model.EncoderSpec spec, int patches, int classes,
                            PretextSettings settings, long seed) {
        this(method, spec, patches, classes, 0, settings, seed);
    }

    /** @param headHidden 0: linear classifier on the concatenated features; else an MLP with this many hidden units */
    ClassificationObjective(String method, io.vireo.training.model.EncoderSpec spec, int patches, int classes, int headHidden,
                            PretextSettings settings, long seed) {
        this.method = method;
        this.classes = classes;
        this.classifier = new PatchClassifier(spec, patches, classes, headHidden, settings, seed);
    }

    /** The N·P encoder input, example-major, from the method's batch layout. */
    abstract INDArray input(Batch batch);

    @Override
    public final String method() {
        return method;
    }

    @Override
    public final StepStats step(Batch batch, double lr, long step) {
        return classifier.step(input(batch), batch.labels(), lr);
    }

    /** Predicted class per example of {@code batch} (inference-mode BN). */
    public final int[] predict(Batch batch) {
        return classifier.predict(input(batch));
    }

    @Override
    public final ComputationGraph encoder() {
        return classifier.encoder();
    }

    @Override
    public final Map<String, INDArray> state() {
        return classifier.state();
    }

    @Override
    public final void restore(Map<String, INDArray> state) {
        classifier.restore(state);
    }

    @Override
    public final Map<String, String> identity() {
        return classifier.identity(method, classes);
    }
}
