package io.vireo.training.model.convolution;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's convolution layer (oneDNN helper) without the second forward convolution in backprop, and with the
 * backprop of maps so small that every output pixel sees every input pixel done as matrix products
 * ({@link PixelPairConvolution}: on ResNet-18's 2×2 maps at 64 px, about 27 ms in the training step, 20 ms
 * alone, against oneDNN's 39–48 ms for one 512-channel layer at batch 64). The forward stays with oneDNN:
 * unfolding the weights costs as much as the product saves.
 *
 * <p>DL4J's backprop asks for the layer's forward output only to apply the activation's derivative, and
 * recomputes it unless a forward cache holds it (a copy of every convolution output, ~5 GB more for ResNet-50
 * at 224 px, batch 64). For the identity activation (every encoder convolution: batch norm follows) the
 * derivative ignores that output, so any array of its shape serves: the incoming gradient is handed over as
 * the "cached" output for the duration of the call. Other activations, or the helper-less path, go through
 * DL4J as is.
 */
public class ForwardOnceConvolutionLayer extends ConvolutionLayer {
    private static final String WEIGHTS = ConvolutionParamInitializer.WEIGHT_KEY;

    /** The pixel-pair backward's unfolded weights, one array reused from step to step. */
    private INDArray unfolded;

    public ForwardOnceConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        PixelPairConvolution p = pixelPairs();
        if (p != null) {
            return pixelPairBackprop(p, epsilon, workspaceMgr);
        }
        if (!(layerConf().getActivationFn() instanceof ActivationIdentity) || getHelper() == null || preOutput != null) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        preOutput = epsilon;
        try {
            return super.backpropGradient(epsilon, workspaceMgr);
        } finally {
            preOutput = null;
        }
    }

    private Pair<Gradient, INDArray> pixelPairBackprop(PixelPairConvolution p, INDArray epsilon,
            LayerWorkspaceMgr workspaceMgr) {
        INDArray u = unfold(p);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c');
        INDArray scratch = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, u.shape(), 'c');
        INDArray dw = gradientViews.get(WEIGHTS);
        p.backward(contiguous(input), contiguous(epsilon), u, dx, scratch, dw);
        Gradient g = new DefaultGradient();
        g.setGradientFor(WEIGHTS, dw, 'c');
        return new Pair<>(g, dx);
    }

    /**
     * The pixel-pair form when it applies here: float NCHW input, a bias-free identity convolution without
     * dropout or weight noise, and every output pixel seeing every input pixel; else null.
     */
    private PixelPairConvolution pixelPairs() {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        if (input == null || input.rank() != 4 || input.dataType() != DataType.FLOAT || hasBias()
                || !(c.getActivationFn() instanceof ActivationIdentity) || c.getIDropout() != null
                || c.getWeightNoise() != null || c.getCnn2dDataFormat() != CNN2DFormat.NCHW
                || !PixelPairConvolution.supports(getParam(WEIGHTS)) || input.size(1) != c.getNIn()) {
            return null;
        }
        int[] out = outputSize();
        int[] pad = convolutionMode == ConvolutionMode.Same
                ? ConvolutionUtils.getSameModeTopLeftPadding(out, new int[] {(int) input.size(2), (int) input.size(3)},
                        c.getKernelSize(), c.getStride(), c.getDilation())
                : c.getPadding();
        return PixelPairConvolution.ifDense(input.shape(), (int) c.getNOut(), c.getKernelSize(), c.getStride(), pad,
                c.getDilation(), out);
    }

    /** Row-major with default strides (the matrix products read the arrays as flat images); small maps: cheap to copy. */
    private static INDArray contiguous(INDArray a) {
        return PixelPairConvolution.supports(a) ? a : a.dup('c');
    }

    /** Whether the current input's backprop goes through the matrix products (for tests). */
    boolean usesPixelPairs() {
        return pixelPairs() != null;
    }

    private int[] outputSize() {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        return ConvolutionUtils.getOutputSize(input, c.getKernelSize(), c.getStride(),
                convolutionMode == ConvolutionMode.Same ? null : c.getPadding(), convolutionMode, c.getDilation());
    }

    /** The current weights unfolded, into one array kept outside any workspace. */
    private INDArray unfold(PixelPairConvolution p) {
        long[] shape = p.unfoldedShape();
        if (unfolded == null || !java.util.Arrays.equals(unfolded.shape(), shape)) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                unfolded = Nd4j.createUninitialized(DataType.FLOAT, shape);
            }
        }
        p.unfold(getParam(WEIGHTS), unfolded);
        return unfolded;
    }
}
