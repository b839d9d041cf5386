package io.vireo.training.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * VGG-19 with BatchNorm as released with Kolesnikov et al. 2019 (models/vggnet.py): 16 bias-free
 * 3x3 conv-BN-ReLU layers in five blocks of 64, 128, 256, 512, 512 channels (× width), each block
 * followed by a 2x2/2 max-pool; then fc6 and fc7 of 4096 channels (× width) as convolutions with BN
 * and ReLU and no dropout. fc6's kernel covers the whole last map (7x7 at 224 px, 1x1 at 32 px), so
 * its parameter count depends on the input size. The pre-logits representation is fc7's output,
 * as in the paper (its {@code pre_logits} end point), not the pooled conv stack.
 */
final class VggTrunk {
    private static final int[] BASE_WIDTHS = {64, 128, 256, 512, 512};

    private VggTrunk() {
    }

    /** Adds the conv blocks, fc6 and fc7 after {@code input}; returns fc7's (1x1 at the configured size) map. */
    static String build(GraphBuilder b, EncoderSpec spec, String input) {
        int[] convs = spec.arch().blocksPerStage();
        String x = input;
        for (int blk = 0; blk < convs.length; blk++) {
            x = block(b, "b" + (blk + 1), x, spec.channels(BASE_WIDTHS[blk]), convs[blk]);
        }
        int map = spec.vggFinalMap();
        int fc = spec.channels(4096);
        b.addLayer("fc6_conv", new ConvolutionLayer.Builder(map, map).stride(1, 1).nOut(fc).hasBias(false)
                .convolutionMode(ConvolutionMode.Truncate).activation(Activation.IDENTITY).build(), x);
        x = Layers.bnRelu(b, "fc6", "fc6_conv");
        b.addLayer("fc7_conv", Layers.conv(1, 1, fc), x);
        return Layers.bnRelu(b, "fc7", "fc7_conv");
    }

    /** {@code convs} 3x3 conv-BN-ReLU layers of {@code width} channels, then a 2x2/2 max-pool. */
    static String block(GraphBuilder b, String n, String in, int width, int convs) {
        String x = in;
        for (int i = 1; i <= convs; i++) {
            b.addLayer(n + "_conv" + i, Layers.conv(3, 1, width), x);
            x = Layers.bnRelu(b, n + "_" + i, n + "_conv" + i);
        }
        // Truncate = TensorFlow's 'valid' pooling of the released model: odd sides round down.
        b.addLayer(n + "_pool", Layers.maxPool(2, 2, ConvolutionMode.Truncate), x);
        return n + "_pool";
    }
}
