package io.vireo.training.objective;

import org.nd4j.linalg.api.ndarray.INDArray;

import io.vireo.training.augment.Batch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.pretext.PatchGrid;
import io.vireo.training.pretext.PermutationSet;

/**
 * Jigsaw (Noroozi and Favaro 2016): the 9 shuffled tiles go through the shared encoder, their features
 * are concatenated in shuffled order, and a softmax over the fixed permutation set predicts which
 * permutation was applied. Batch layout ({@link io.vireo.training.pretext.PretextBatches#jigsaw}):
 * {@code first} = 9N tiles, example-major; {@code labels} = permutation index. The encoder input size
 * must be the tile size.
 */
public final class JigsawObjective extends ClassificationObjective {
    public static final String METHOD = "jigsaw";

    public JigsawObjective(EncoderSpec spec, PatchGrid grid, PermutationSet permutations, PretextSettings settings, long seed) {
        super(METHOD, checked(spec, grid), PermutationSet.TILES, permutations.size(), settings, seed);
    }

    private static EncoderSpec checked(EncoderSpec spec, PatchGrid grid) {
        MethodCompatibility.requirePatchInput(METHOD, spec, grid);
        return spec;
    }

    @Override
    INDArray input(Batch batch) {
        return batch.first();
    }
}
