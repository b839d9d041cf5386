package io.vireo.training.objective;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.augment.Batch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.pretext.PatchGrid;
import io.vireo.training.pretext.RelativePatchLocation;

/**
 * Relative patch location (Doersch et al. 2015): centre and neighbour patch go through the shared
 * encoder, their features are concatenated, an MLP (one hidden ReLU layer, {@link MlpHead}) and an 8-way
 * softmax, as in Doersch et al. and the Revisiting SSL code. Batch layout
 * ({@link io.vireo.training.pretext.PretextBatches#relativePatchLocation}): {@code first} = centre patches,
 * {@code second} = neighbour patches, {@code labels} = neighbour position. The encoder input size must be
 * the patch size.
 */
public final class RelativePatchLocationObjective extends ClassificationObjective {
    public static final String METHOD = "relative-patch-location";

    /** @param headHidden hidden units of the MLP on the concatenated pair features ({@code patch.headHidden}) */
    public RelativePatchLocationObjective(EncoderSpec spec, PatchGrid grid, int headHidden, PretextSettings settings, long seed) {
        super(METHOD, checked(spec, grid), 2, RelativePatchLocation.CLASSES, requireHidden(headHidden), settings, seed);
    }

    private static int requireHidden(int headHidden) {
        if (headHidden < 1) {
            throw new IllegalArgumentException("patch.headHidden: must be >= 1, got " + headHidden);
        }
        return headHidden;
    }

    private static EncoderSpec checked(EncoderSpec spec, PatchGrid grid) {
        MethodCompatibility.requirePatchInput(METHOD, spec, grid);
        return spec;
    }

    @Override
    INDArray input(Batch batch) {
        INDArray c = batch.first();
        // [N, 2, C, H, W] → [2N, C, H, W]: centre then neighbour of each example (example-major).
        return Nd4j.stack(1, c, batch.second()).reshape('c', 2 * c.size(0), c.size(1), c.size(2), c.size(3));
    }
}
