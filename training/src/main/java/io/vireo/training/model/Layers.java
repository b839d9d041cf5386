package io.vireo.training.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;

import io.vireo.training.model.activation.SinglePassRelu;
import io.vireo.training.model.batchnorm.FewPassBatchNormalization;
import io.vireo.training.model.convolution.ForwardOnceConvolution;
import io.vireo.training.model.pooling.LibNd4jMaxPooling;

/** The layer configurations every encoder family is made of, so that all share BN and conv settings. */
final class Layers {
    private static final double BN_DECAY = 0.9;
    private static final double BN_EPS = 1e-5;

    private Layers() {
    }

    /** Adds BN then ReLU after {@code in}; returns the ReLU's name. */
    static String bnRelu(GraphBuilder b, String n, String in) {
        b.addLayer(n + "_bn", bn(), in);
        return relu(b, n, n + "_bn");
    }

    static String relu(GraphBuilder b, String n, String in) {
        b.addLayer(n + "_relu", new SinglePassRelu(), in);
        return n + "_relu";
    }

    /**
     * DL4J's batch norm as configured here, trained by {@link FewPassBatchNormalization}'s layer: the same
     * parameters and layout (checkpoints of either load into both), fewer passes over the activations.
     */
    static BatchNormalization bn() {
        // useLogStd(false): running variance (not log10 std) is stored, so EMA of the key encoder
        // averages the same quantity PyTorch's MoCo averages.
        return FewPassBatchNormalization.of(
                new BatchNormalization.Builder().decay(BN_DECAY).eps(BN_EPS).useLogStd(false).build());
    }

    /** k×k max pooling with the given stride, on libnd4j's kernels ({@link LibNd4jMaxPooling}). */
    static LibNd4jMaxPooling maxPool(int k, int stride, ConvolutionMode mode) {
        SubsamplingLayer.Builder b = new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(k, k)
                .stride(stride, stride);
        return LibNd4jMaxPooling.of((mode == null ? b : b.convolutionMode(mode)).build());
    }

    /**
     * Bias-free k×k convolution (a BN follows every one), padding from the graph's convolution mode; its layer
     * does not recompute the forward in backprop ({@link ForwardOnceConvolution}).
     */
    static ForwardOnceConvolution conv(int k, int stride, int out) {
        return ForwardOnceConvolution.of(new ConvolutionLayer.Builder(k, k).stride(stride, stride).nOut(out)
                .hasBias(false).activation(Activation.IDENTITY).build());
    }
}
