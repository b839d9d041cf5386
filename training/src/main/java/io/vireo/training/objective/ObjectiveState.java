package io.vireo.training.objective;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.model.EncoderSpec;

/** Checkpoint-state helpers shared by the objectives (same messages as {@link MocoV2}'s). */
final class ObjectiveState {
    private ObjectiveState() {
    }

    static INDArray require(Map<String, INDArray> state, String name) {
        INDArray a = state.get(name);
        if (a == null) {
            throw new IllegalArgumentException("checkpoint has no '" + name + "' (has " + state.keySet() + ")");
        }
        return a;
    }

    static void copyInto(String name, INDArray saved, INDArray target) {
        if (saved.length() != target.length()) {
            throw new IllegalArgumentException("checkpoint entry '" + name + "' has " + saved.length()
                    + " values, this network has " + target.length());
        }
        target.assign(saved.reshape(target.shape()));
    }

    static Map<String, String> encoderIdentity(String method, EncoderSpec spec) {
        Map<String, String> id = new LinkedHashMap<>();
        id.put("method", method);
        id.put("arch", spec.arch().name());
        id.put("version", spec.version().name());
        id.put("width", Double.toString(spec.width()));
        id.put("inputSize", Integer.toString(spec.inputSize()));
        id.put("channels", Integer.toString(spec.channels()));
        return id;
    }
}
