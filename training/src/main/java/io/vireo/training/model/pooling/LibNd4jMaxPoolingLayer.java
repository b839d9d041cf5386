package io.vireo.training.model.pooling;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max pooling through libnd4j's {@code maxpool2d} / {@code maxpool2d_bp} with platform helpers (oneDNN)
 * switched off for these two calls only, via the op context. Anything but 2-d NCHW max pooling in Same or
 * Truncate mode goes through DL4J's layer.
 */
public class LibNd4jMaxPoolingLayer extends SubsamplingLayer {
    public LibNd4jMaxPoolingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean libNd4jApplies() {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
        return input.rank() == 4 && c.getPoolingType() == PoolingType.MAX && c.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && (convolutionMode == ConvolutionMode.Same || convolutionMode == ConvolutionMode.Truncate)
                && input.dataType() == dataType;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        if (!libNd4jApplies()) {
            return super.activate(training, workspaceMgr);
        }
        INDArray x = contiguous(input);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, outputShape(x), 'c');
        run("maxpool2d", out, x);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!libNd4jApplies()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray x = contiguous(input);
        // Zeroed: the kernel adds each window's gradient into its output (overlapping windows share inputs).
        INDArray dx = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        run("maxpool2d_bp", dx, x, contiguous(epsilon));
        return new Pair<>(new DefaultGradient(), dx);
    }

    private long[] outputShape(INDArray x) {
        int[] k = layerConf().getKernelSize();
        int[] s = layerConf().getStride();
        int[] p = layerConf().getPadding();
        int[] d = layerConf().getDilation();
        long[] out = {x.size(0), x.size(1), 0, 0};
        for (int i = 0; i < 2; i++) {
            long in = x.size(2 + i);
            out[2 + i] = convolutionMode == ConvolutionMode.Same
                    ? (in + s[i] - 1) / s[i]
                    : (in + 2L * p[i] - ((k[i] - 1L) * d[i] + 1)) / s[i] + 1;
        }
        return out;
    }

    private void run(String op, INDArray out, INDArray... in) {
        int[] k = layerConf().getKernelSize();
        int[] s = layerConf().getStride();
        int[] p = layerConf().getPadding();
        int[] d = layerConf().getDilation();
        boolean same = convolutionMode == ConvolutionMode.Same;
        try (OpContext ctx = Nd4j.getExecutioner().buildContext()) {
            ctx.allowHelpers(false);
            // kH, kW, sH, sW, pH, pW, dH, dW, same mode, (unused for max), NCHW
            ctx.setIArguments(k[0], k[1], s[0], s[1], same ? 0 : p[0], same ? 0 : p[1], d[0], d[1], same ? 1 : 0, 0, 0);
            ctx.setInputArrays(in);
            ctx.setOutputArrays(out);
            Nd4j.getExecutioner().exec(DynamicCustomOp.builder(op).build(), ctx);
        } catch (Exception e) {
            throw new IllegalStateException(op + " failed in layer " + layerId(), e);
        }
    }

    private INDArray contiguous(INDArray a) {
        return Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
    }
}
