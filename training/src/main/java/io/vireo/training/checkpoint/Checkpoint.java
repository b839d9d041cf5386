package io.vireo.training.checkpoint;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A loaded checkpoint: metadata and named arrays. */
public record Checkpoint(CheckpointMeta meta, Map<String, INDArray> arrays) {

    /** Fails, naming the first differing key, unless this checkpoint was written by an identical setup. */
    public void requireIdentity(Map<String, String> expected, String file) {
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String saved = meta.identity().get(e.getKey());
            if (!e.getValue().equals(saved)) {
                throw new IllegalArgumentException("checkpoint " + file + " is incompatible: '" + e.getKey() + "' is "
                        + saved + " in the checkpoint but " + e.getValue() + " in the config");
            }
        }
    }
}
