package io.vireo.eval.encoder;

import java.nio.file.Path;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.checkpoint.Checkpoint;
import io.vireo.training.checkpoint.CheckpointStore;
import io.vireo.training.model.Arch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.EncoderWeights;
import io.vireo.training.model.HeadSpec;
import io.vireo.training.model.ResNetGraphs;
import io.vireo.training.model.ResNetVersion;

/**
 * Builds the encoder to evaluate: a fresh random initialisation (the baseline every method must
 * beat) or the online network of a training checkpoint, rebuilt from the architecture the
 * checkpoint records and filled with its weights.
 */
public final class EncoderLoader {

    /** Older MoCo v2 checkpoints, from before the trainer stored the encoder alone: the query network with its head. */
    public static final String ONLINE_PARAMS = "query.params";

    private EncoderLoader() {
    }

    public static Encoder random(EncoderSpec spec, long seed) {
        TrainingBackend.initialise();
        return new Encoder(ResNetGraphs.encoder(spec, seed, DataType.FLOAT), spec, "random-init seed " + seed, 0);
    }

    /**
     * @param expectedFeatureDim the feature size the caller will use the encoder with (e.g. the size
     *                           of features it is compared with), or 0 for no check
     */
    public static Encoder checkpoint(Path file, int expectedFeatureDim) {
        TrainingBackend.initialise();
        Checkpoint ckpt = CheckpointStore.read(file);
        Map<String, String> id = ckpt.meta().identity();
        EncoderSpec spec;
        try {
            spec = new EncoderSpec(Arch.parse(required(id, "arch", file)), ResNetVersion.parse(required(id, "version", file)),
                    Double.parseDouble(required(id, "width", file)), Integer.parseInt(required(id, "inputSize", file)),
                    Integer.parseInt(required(id, "channels", file)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint " + file + ": unreadable architecture " + id, e);
        }
        if (expectedFeatureDim > 0 && spec.featureDim() != expectedFeatureDim) {
            throw new IllegalArgumentException("checkpoint " + file + " gives " + spec.featureDim()
                    + "-d features (" + spec.arch() + " width " + spec.width() + "), expected " + expectedFeatureDim);
        }
        INDArray encoderOnly = ckpt.arrays().get(EncoderWeights.CHECKPOINT_ENTRY);
        ComputationGraph graph;
        if (encoderOnly != null) {
            // Written by every method since the trainer stores the encoder alone.
            graph = ResNetGraphs.encoder(spec, 0, DataType.FLOAT);
            requireLength(file, EncoderWeights.CHECKPOINT_ENTRY, encoderOnly, graph, spec, "");
            graph.params().assign(encoderOnly.reshape(graph.params().shape()).castTo(DataType.FLOAT));
            return new Encoder(graph, spec, file.toString(), ckpt.meta().step());
        }
        INDArray params = ckpt.arrays().get(ONLINE_PARAMS);
        if (params == null) {
            throw new IllegalArgumentException("checkpoint " + file + " has neither '" + EncoderWeights.CHECKPOINT_ENTRY
                    + "' nor '" + ONLINE_PARAMS + "' (has " + ckpt.arrays().keySet() + ")");
        }
        HeadSpec head;
        try {
            head = new HeadSpec(Integer.parseInt(required(id, "head.hidden", file)),
                    Integer.parseInt(required(id, "head.outDim", file)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint " + file + ": unreadable head " + id, e);
        }
        graph = ResNetGraphs.encoderWithHead(spec, head, 0, DataType.FLOAT);
        requireLength(file, ONLINE_PARAMS, params, graph, spec, " with head " + head.hidden() + "/" + head.outDim());
        graph.params().assign(params.reshape(graph.params().shape()).castTo(DataType.FLOAT));
        return new Encoder(graph, spec, file.toString(), ckpt.meta().step());
    }

    private static void requireLength(Path file, String entry, INDArray params, ComputationGraph graph, EncoderSpec spec,
                                      String what) {
        if (params.length() != graph.params().length()) {
            throw new IllegalArgumentException("checkpoint " + file + ": '" + entry + "' has " + params.length()
                    + " values but " + spec.arch() + " width " + spec.width() + what + " has " + graph.params().length());
        }
    }

    private static String required(Map<String, String> identity, String key, Path file) {
        String v = identity.get(key);
        if (v == null) {
            throw new IllegalArgumentException("checkpoint " + file + " does not record '" + key + "' (has " + identity.keySet() + ")");
        }
        return v;
    }
}
