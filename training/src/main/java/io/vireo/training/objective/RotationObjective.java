package io.vireo.training.objective;

import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.augment.Batch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.pretext.Rotation;

/**
 * Rotation prediction (Gidaris et al. 2018; "Revisiting SSL"): 4-way classification of the rotation
 * applied to the image. Batch layout ({@link io.vireo.training.pretext.PretextBatches#rotation}):
 * {@code first} = the rotated images (all four rotations of each source image), {@code labels} = k.
 */
public final class RotationObjective implements Objective {
    public static final String METHOD = "rotation";

    private final PatchClassifier classifier;

    public RotationObjective(EncoderSpec spec, PretextSettings settings, long seed) {
        this.classifier = new PatchClassifier(spec, 1, Rotation.CLASSES, settings, seed);
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public StepStats step(Batch batch, double lr, long step) {
        return classifier.step(batch.first(), batch.labels(), lr);
    }

    /** Predicted rotation per image. */
    public int[] predict(INDArray images) {
        return classifier.predict(images);
    }

    @Override
    public ComputationGraph encoder() {
        return classifier.encoder();
    }

    @Override
    public Map<String, INDArray> state() {
        return classifier.state();
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        classifier.restore(state);
    }

    @Override
    public Map<String, String> identity() {
        return classifier.identity(METHOD, Rotation.CLASSES);
    }
}
