package io.vireo.training.objective;

import java.util.Map;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import io.vireo.training.augment.Batch;
import io.vireo.training.loss.InfoNce;
import io.vireo.training.loss.PirlNce;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.ResNetGraphs;
import io.vireo.training.nn.LossOracle;
import io.vireo.training.pretext.PatchGrid;
import io.vireo.training.pretext.PermutationSet;

/**
 * PIRL (Misra &amp; van der Maaten 2020): the representation of an image and of its jigsaw-shuffled
 * tiles should both match the image's memory-bank entry, against negatives from the bank
 * ({@link PirlNce}). f = linear projection of the encoder features of the image; g = linear
 * projection of the 9 tiles' concatenated features (PIRL projects each tile and then the
 * concatenation, two linear maps in a row, which is one linear map of the concatenation). The bank
 * entry of each image is then moved towards f ({@link MemoryBank}, momentum 0.5).
 *
 * <p>Batch layout ({@link io.vireo.training.pretext.PretextBatches#pirl}): {@code first} = N images,
 * {@code second} = 9N tiles, example-major, {@code labels} = dataset indices (bank rows). Image and
 * tiles are both at the patch size, the encoder's input size, and share one forward pass of 10N.
 *
 * <p>The NCE noise constant c = K·Z/n (Wu et al. 2018) is estimated once, from the first batch:
 * c = K · mean over (image, negative) of exp(s/τ), then fixed (and checkpointed), as in their code.
 */
public final class PirlObjective extends OnlineNetworkObjective {
    public static final String METHOD = "pirl";

    private final PirlSettings settings;
    private final long seed;
    private final LinearHead imageHead;
    private final LinearHead tilesHead;
    private final MemoryBank bank;
    private double noise = Double.NaN;

    /** @param datasetSize images in the source: the memory bank has one row each */
    public PirlObjective(EncoderSpec spec, PatchGrid grid, PirlSettings settings, int datasetSize, long seed) {
        super(METHOD, checked(spec, grid), ResNetGraphs.trainableEncoder(spec, seed, DataType.FLOAT), settings.optimiser());
        this.settings = settings;
        this.seed = seed;
        int f = spec.featureDim();
        PretextSettings o = settings.optimiser();
        this.imageHead = new LinearHead(f, settings.dim(), seed + 7, o.sgdMomentum(), o.weightDecay());
        this.tilesHead = new LinearHead(PermutationSet.TILES * f, settings.dim(), seed + 11, o.sgdMomentum(), o.weightDecay());
        this.bank = new MemoryBank(datasetSize, settings.dim(), seed + 13);
    }

    private static EncoderSpec checked(EncoderSpec spec, PatchGrid grid) {
        MethodCompatibility.requirePatchInput(METHOD, spec, grid);
        return spec;
    }

    @Override
    public StepStats step(Batch batch, double lr, long step) {
        int n = batch.labels().length;
        int tiles = PermutationSet.TILES;
        if (batch.first().size(0) != n || batch.second() == null || batch.second().size(0) != (long) n * tiles) {
            throw new IllegalArgumentException("batch: PIRL needs N images, 9N tiles and N bank rows; got "
                    + batch.first().size(0) + ", " + (batch.second() == null ? 0 : batch.second().size(0)) + ", " + n);
        }
        int[] rows = batch.labels();
        INDArray positives = bank.rows(rows);
        INDArray negatives = bank.sampleNegatives(settings.negatives(), rows, new SplittableRandom(seed * 31 + step));
        int f = spec().featureDim();
        INDArray[] imageOut = new INDArray[1];
        double[] positiveRate = new double[1];
        LossOracle oracle = features -> {
            INDArray image = features.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).dup();
            INDArray tileFeatures = features.get(NDArrayIndex.interval(n, (long) n * (tiles + 1)), NDArrayIndex.all())
                    .dup('c').reshape('c', n, (long) tiles * f);
            INDArray fo = imageHead.forward(image);
            INDArray gt = tilesHead.forward(tileFeatures);
            if (Double.isNaN(noise)) {
                noise = settings.negatives() * Transforms.exp(InfoNce.normalizeRows(fo).mmul(negatives.transpose())
                        .divi(settings.temperature()), false).meanNumber().doubleValue();
            }
            PirlNce.Result r = PirlNce.pirl(gt, fo, positives, negatives, settings.temperature(), noise, settings.lambda());
            positiveRate[0] = r.positiveRate();
            imageOut[0] = fo.dup();
            INDArray dImage = imageHead.backward(image, r.gradOriginal());
            INDArray dTiles = tilesHead.backward(tileFeatures, r.gradTransformed()).reshape('c', (long) n * tiles, f);
            return new LossOracle.Evaluation(r.loss(), Nd4j.concat(0, dImage, dTiles));
        };
        double loss = trainStep(Nd4j.concat(0, batch.first(), batch.second()), f, oracle, lr);
        imageHead.update(lr);
        tilesHead.update(lr);
        bank.update(rows, imageOut[0], settings.bankMomentum());
        return new StepStats(loss, Map.of("positiveRate", positiveRate[0], "nceConstant", noise));
    }

    public MemoryBank memoryBank() {
        return bank;
    }

    @Override
    void putState(Map<String, INDArray> state) {
        state.put("imageHead", imageHead.state());
        state.put("tilesHead", tilesHead.state());
        state.put("bank.entries", bank.entries());
        state.put("nce.constant", Nd4j.scalar(noise));
    }

    @Override
    void restoreState(Map<String, INDArray> state) {
        imageHead.restore(ObjectiveState.require(state, "imageHead"));
        tilesHead.restore(ObjectiveState.require(state, "tilesHead"));
        bank.restore(ObjectiveState.require(state, "bank.entries"));
        noise = ObjectiveState.require(state, "nce.constant").getDouble(0);
    }

    @Override
    void putIdentity(Map<String, String> identity) {
        identity.put("dim", Integer.toString(settings.dim()));
        identity.put("bankSize", Integer.toString(bank.size()));
    }
}
