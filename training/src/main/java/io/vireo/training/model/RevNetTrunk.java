package io.vireo.training.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * RevNet-50 as released with Kolesnikov et al. 2019 (models/resnet.py, {@code revnet50}): the
 * ResNet-50 v2 stage layout (3, 4, 6, 3 units) where every unit is an additive coupling
 * (Gomez et al. 2017). A unit splits its channels into halves (x1, x2) and outputs
 * (x2, x1 + F(x2)) with F a pre-activation bottleneck on C/2 channels (inner width C/8). Two
 * consecutive units are exactly one Gomez block: (y1, y2) = (x1 + F(x2), x2 + G(y1)). Between stages
 * there is no learned down-sampling block: 2x2 average pooling, then the channels are doubled by
 * zero padding on both sides, as the released model does. The stem convolution is the only layer
 * that changes the channel count, which is why it already outputs 4× the ResNet stem's channels.
 *
 * <p>DL4J has no reversible backprop: this graph stores every activation like any other, so it has the
 * RevNet's function and parameter count but none of its memory saving.
 */
final class RevNetTrunk {
    private RevNetTrunk() {
    }

    /** Adds stem, four stages and the final BN after {@code input}; returns the last spatial map's name. */
    static String build(GraphBuilder b, EncoderSpec spec, String input) {
        String x = stem(b, spec, input);
        int[] units = spec.arch().blocksPerStage();
        for (int s = 0; s < units.length; s++) {
            int inner = spec.revnetInner(s);
            for (int i = 0; i < units[s]; i++) {
                x = unit(b, "s" + (s + 1) + "b" + (i + 1), x, 8 * inner, inner);
            }
            if (s < units.length - 1) {
                x = poolAndDouble(b, "s" + (s + 1) + "_down", x, 8 * inner);
            }
        }
        // The released model ends with BN and no ReLU (last_relu=False) before the average pool.
        b.addLayer("post_bn", Layers.bn(), x);
        return "post_bn";
    }

    private static String stem(GraphBuilder b, EncoderSpec spec, String input) {
        int c = 8 * spec.revnetInner(0);
        if (spec.cifarStem()) {
            b.addLayer("stem_conv", Layers.conv(3, 1, c), input);
            return "stem_conv";
        }
        b.addLayer("stem_conv", Layers.conv(7, 2, c), input);
        b.addLayer("stem_pool", Layers.maxPool(3, 2, null), "stem_conv");
        return "stem_pool";
    }

    /** One reversible unit on {@code channels} channels: (x1, x2) → (x2, x1 + F(x2)). */
    static String unit(GraphBuilder b, String n, String in, int channels, int inner) {
        int half = channels / 2;
        b.addVertex(n + "_x1", new ChannelSlice(0, half - 1), in);
        b.addVertex(n + "_x2", new ChannelSlice(half, channels - 1), in);
        String h = Layers.bnRelu(b, n + "_pre", n + "_x2");
        b.addLayer(n + "_conv1", Layers.conv(1, 1, inner), h);
        h = Layers.bnRelu(b, n + "_1", n + "_conv1");
        b.addLayer(n + "_conv2", Layers.conv(3, 1, inner), h);
        h = Layers.bnRelu(b, n + "_2", n + "_conv2");
        b.addLayer(n + "_conv3", Layers.conv(1, 1, half), h);
        b.addVertex(n + "_y1", new ElementWiseVertex(ElementWiseVertex.Op.Add), n + "_x1", n + "_conv3");
        b.addVertex(n + "_out", new MergeVertex(), n + "_x2", n + "_y1");
        return n + "_out";
    }

    /** Stage transition: 2x2/2 average pool, then channels C → 2C as [0 (C/2), x (C), 0 (C/2)]. */
    static String poolAndDouble(GraphBuilder b, String n, String in, int channels) {
        b.addLayer(n + "_pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG)
                .kernelSize(2, 2).stride(2, 2).avgPoolIncludePadInDivisor(false).build(), in);
        // DL4J has no channel-padding vertex: zeros of the right shape are a slice scaled by 0.
        b.addVertex(n + "_half", new ChannelSlice(0, channels / 2 - 1), n + "_pool");
        b.addVertex(n + "_zeros_lo", new ScaleVertex(0), n + "_half");
        b.addVertex(n + "_zeros_hi", new ScaleVertex(0), n + "_half");
        b.addVertex(n + "_out", new MergeVertex(), n + "_zeros_lo", n + "_pool", n + "_zeros_hi");
        return n + "_out";
    }
}
