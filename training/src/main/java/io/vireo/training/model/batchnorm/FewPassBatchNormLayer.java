package io.vireo.training.model.batchnorm;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * DL4J's batch-norm layer with the training-mode forward and the backward replaced by
 * {@link BatchNormMath}. Inference (running statistics) and anything but 4-d NCHW input still go
 * through DL4J's own code and oneDNN helper. Extending DL4J's layer keeps everything that looks for
 * batch-norm layers by type (the optimizer's running-statistics mask, helper checks) working.
 *
 * <p>Running statistics follow DL4J's convention exactly: their "gradient" is
 * (running − batch)·(1 − decay), so that {@code running − gradient} is the decayed average
 * (biased batch variance, as DL4J's oneDNN helper uses).
 */
public class FewPassBatchNormLayer extends BatchNormalization {
    private static final String GAMMA = BatchNormalizationParamInitializer.GAMMA;
    private static final String BETA = BatchNormalizationParamInitializer.BETA;
    private static final String MEAN = BatchNormalizationParamInitializer.GLOBAL_MEAN;
    private static final String VAR = BatchNormalizationParamInitializer.GLOBAL_VAR;

    /** Statistics of the last training-mode forward through the few-pass path; null after any other. */
    private BatchNormMath.Stats batch;
    /** Consecutive slices of the batch that each get their own statistics in training-mode forwards. */
    private int statisticsGroups = 1;
    /** Whether the last forward used per-group statistics, which no backward here accounts for. */
    private boolean groupedForward;

    public FewPassBatchNormLayer(NeuralNetConfiguration conf, org.nd4j.linalg.api.buffer.DataType dataType) {
        super(conf, dataType);
    }

    private boolean fewPassApplies(INDArray x) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization c = layerConf();
        return x.rank() == 4 && c.getCnn2DFormat() == CNN2DFormat.NCHW && !c.isLockGammaBeta() && !c.isUseLogStd();
    }

    /**
     * From now on, training-mode forwards normalise each of {@code groups} consecutive slices of the batch
     * with that slice's own statistics, as if each slice were a separate forward: MoCo's shuffled batch
     * norm, where the key network sees its batch in groups, without splitting the convolutions' batch.
     * Forward only: a backward after a grouped forward is refused.
     */
    public void useStatisticsGroups(int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("batch-statistics groups must be at least 1, got " + groups);
        }
        statisticsGroups = groups;
    }

    @Override
    public INDArray preOutput(INDArray x, TrainingMode training, LayerWorkspaceMgr workspaceMgr) {
        batch = null;
        groupedForward = training == TrainingMode.TRAIN && statisticsGroups > 1;
        if (groupedForward) {
            return groupedPreOutput(x, workspaceMgr);
        }
        if (training != TrainingMode.TRAIN || !fewPassApplies(x)) {
            return super.preOutput(x, training, workspaceMgr);
        }
        INDArray in = contiguous(x);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, in.shape(), 'c');
        batch = BatchNormMath.batchStats(in, layerConf().getEps(), out);
        BatchNormMath.normalizeTraining(in, batch, channels(getParam(GAMMA)), channels(getParam(BETA)),
                layerConf().getEps(), out);
        return out;
    }

    private INDArray groupedPreOutput(INDArray x, LayerWorkspaceMgr workspaceMgr) {
        long n = x.size(0);
        if (n % statisticsGroups != 0) {
            throw new IllegalArgumentException("a batch of " + n + " does not split into " + statisticsGroups
                    + " equal batch-statistics groups");
        }
        INDArray in = contiguous(x);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, in.shape(), 'c');
        if (fewPassApplies(in) && FloatRowKernels.applies(in) && FloatRowKernels.applies(out)) {
            BatchNormMath.normalizeTrainingInGroups(in, statisticsGroups, channels(getParam(GAMMA)),
                    channels(getParam(BETA)), layerConf().getEps(), out);
            return out;
        }
        long per = n / statisticsGroups;
        for (int g = 0; g < statisticsGroups; g++) {
            INDArrayIndex rows = NDArrayIndex.interval(g * per, (g + 1) * per);
            out.get(rows).assign(super.preOutput(in.get(rows).dup('c'), TrainingMode.TRAIN, workspaceMgr));
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (groupedForward) {
            throw new IllegalStateException("layer " + layerId() + " normalised its last forward in "
                    + statisticsGroups + " batch-statistics groups, and has no backward for that");
        }
        if (batch == null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray x = contiguous(input);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        INDArray dGamma = gradientViews.get(GAMMA);
        INDArray dBeta = gradientViews.get(BETA);
        BatchNormMath.backward(x, contiguous(epsilon), batch, channels(getParam(GAMMA)), layerConf().getEps(),
                dx, dGamma, dBeta,
                () -> workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, x.shape(), 'c'));
        double keep = 1 - layerConf().getDecay();
        INDArray dMean = gradientViews.get(MEAN);
        INDArray dVar = gradientViews.get(VAR);
        dMean.assign(channels(getParam(MEAN)).sub(batch.mean()).muli(keep).reshape(dMean.shape()));
        dVar.assign(channels(getParam(VAR)).sub(batch.var()).muli(keep).reshape(dVar.shape()));
        Gradient g = new DefaultGradient();
        g.setGradientFor(GAMMA, dGamma);
        g.setGradientFor(BETA, dBeta);
        g.setGradientFor(MEAN, dMean);
        g.setGradientFor(VAR, dVar);
        return new Pair<>(g, dx);
    }

    /**
     * The row kernels read row-major memory, and libnd4j's batchnorm kernel is only trusted on row-major
     * contiguous arrays (a permuted view, DL4J's non-oneDNN convolution output in float64, gave wrong
     * gradients); [N, C, 1, 1] activations may come in column-major order. Copies only then.
     */
    private INDArray contiguous(INDArray a) {
        INDArray t = a.castTo(dataType);
        return t.ordering() == 'c' && Shape.hasDefaultStridesForShape(t) ? t : t.dup('c');
    }

    private static INDArray channels(INDArray perChannel) {
        return perChannel.reshape(perChannel.length());
    }
}
