package io.vireo.training.objective;

import java.util.LinkedHashMap;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.loss.SoftmaxCrossEntropy;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.ResNetGraphs;
import io.vireo.training.nn.ExternalLossTraining;
import io.vireo.training.nn.LossOracle;
import io.vireo.training.optim.MomentumSgd;

/**
 * Shared machinery of the classification methods (rotation, relative patch location, jigsaw,
 * supervised): each example is P images (P = 1, 2 or 9) that go through the encoder independently
 * (one batch of N·P, example-major), their pre-logits features are concatenated per example and a
 * linear layer or an MLP ({@link ClassifierHead}) predicts one of C classes; softmax cross-entropy. One forward and backward pass of the
 * encoder per step.
 */
final class PatchClassifier {
    private final EncoderSpec spec;
    private final int patches;
    private final ComputationGraph encoder;
    private final MomentumSgd sgd;
    private final int headHidden;
    private final ClassifierHead head;

    /** @param headHidden 0: a linear classifier; else the hidden units of an {@link MlpHead} */
    PatchClassifier(EncoderSpec spec, int patches, int classes, int headHidden, PretextSettings settings, long seed) {
        if (headHidden < 0) {
            throw new IllegalArgumentException("head hidden units: must be >= 0, got " + headHidden);
        }
        this.spec = spec;
        this.patches = patches;
        this.headHidden = headHidden;
        this.encoder = ResNetGraphs.trainableEncoder(spec, seed, DataType.FLOAT);
        this.sgd = new MomentumSgd(encoder, settings.sgdMomentum(), settings.weightDecay());
        int in = patches * spec.featureDim();
        this.head = headHidden == 0
                ? new LinearHead(in, classes, seed + 7, settings.sgdMomentum(), settings.weightDecay())
                : new MlpHead(in, headHidden, classes, seed + 7, settings.sgdMomentum(), settings.weightDecay());
    }

    /** @param input N·P images, example-major; @param labels N class indices */
    StepStats step(INDArray input, int[] labels, double lr) {
        int n = checkInput(input, labels);
        double[] accuracy = new double[1];
        LossOracle oracle = features -> {
            INDArray x = features.reshape(n, (long) patches * spec.featureDim());
            SoftmaxCrossEntropy.Result r = SoftmaxCrossEntropy.compute(head.forward(x), labels);
            accuracy[0] = r.accuracy();
            INDArray dx = head.backward(x, r.gradLogits());
            return new LossOracle.Evaluation(r.loss(), dx.reshape(features.shape()));
        };
        ExternalLossTraining.Result r = ExternalLossTraining.step(encoder, input, spec.featureDim(), oracle);
        sgd.step(encoder.params(), r.flatGradient(), lr);
        head.update(lr);
        return new StepStats(r.loss(), Map.of("accuracy", accuracy[0]));
    }

    /** Predicted class per example (encoder in inference mode: BN running statistics). */
    int[] predict(INDArray input) {
        long n = input.size(0) / patches;
        INDArray features = encoder.outputSingle(false, input);
        INDArray argmax = head.forward(features.reshape(n, (long) patches * spec.featureDim())).argMax(1);
        int[] out = new int[(int) n];
        for (int i = 0; i < n; i++) {
            out[i] = argmax.getInt(i);
        }
        return out;
    }

    private int checkInput(INDArray input, int[] labels) {
        if (input.size(0) != (long) labels.length * patches) {
            throw new IllegalArgumentException("batch: " + input.size(0) + " images for " + labels.length + " labels and "
                    + patches + " images per example");
        }
        if (input.size(2) != spec.inputSize() || input.size(3) != spec.inputSize()) {
            throw new IllegalArgumentException("inputSize: the encoder was built for " + spec.inputSize() + " px, the batch has "
                    + input.size(2) + "x" + input.size(3));
        }
        return labels.length;
    }

    ComputationGraph encoder() {
        return encoder;
    }

    Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        s.put("encoder.params", encoder.params());
        s.put("sgd.velocity", sgd.velocity());
        s.put("head", head.state());
        return s;
    }

    void restore(Map<String, INDArray> state) {
        INDArray p = ObjectiveState.require(state, "encoder.params");
        ObjectiveState.copyInto("encoder.params", p, encoder.params());
        sgd.restoreVelocity(ObjectiveState.require(state, "sgd.velocity"));
        head.restore(ObjectiveState.require(state, "head"));
    }

    Map<String, String> identity(String method, int classes) {
        Map<String, String> id = ObjectiveState.encoderIdentity(method, spec);
        id.put("patches", Integer.toString(patches));
        id.put("classes", Integer.toString(classes));
        if (headHidden > 0) {
            id.put("head.hidden", Integer.toString(headHidden));
        }
        return id;
    }
}
