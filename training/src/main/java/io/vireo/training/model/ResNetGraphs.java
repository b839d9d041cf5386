package io.vireo.training.model;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;

import io.vireo.training.model.activation.SinglePassRelu;
import io.vireo.training.model.batchnorm.FewPassBatchNormalization;
import io.vireo.training.model.convolution.ForwardOnceConvolution;
import io.vireo.training.model.pooling.LibNd4jMaxPooling;
import io.vireo.training.nn.ExternalLoss;
import io.vireo.training.nn.ExternalLossTraining;

/**
 * Builds the encoders of every {@link Arch} (ResNet here, {@link RevNetTrunk}, {@link VggTrunk}) and
 * optionally the MLP head as DL4J ComputationGraphs. Every encoder ends in the same {@link #FEATURES}
 * vertex (global average pool of its last map), so objectives and probes need not know the family.
 *
 * <p>The DL4J updater is {@link NoOp}: Vireo applies SGD itself (see
 * {@link io.vireo.training.optim.MomentumSgd}) on the flattened gradient, because DL4J has no plain
 * (non-Nesterov) momentum SGD and because one flat velocity array is trivial to checkpoint.
 */
public final class ResNetGraphs {
    /** Name of the network input. */
    public static final String INPUT = "input";
    /** Name of the global-average-pooled pre-logits vertex; probes and eval read this. */
    public static final String FEATURES = "features";
    /** Name of the projection head output (the vector the contrastive loss sees). */
    public static final String EMBEDDING = "embedding";

    private ResNetGraphs() {
    }

    /** Encoder only; the single output is {@link #FEATURES}. */
    public static ComputationGraph encoder(EncoderSpec spec, long seed, DataType dataType) {
        return init(spec, configure(spec, null, seed, dataType, false), 1);
    }

    /** Encoder plus projection head; the single output is {@link #EMBEDDING}, {@link #FEATURES} stays addressable. */
    public static ComputationGraph encoderWithHead(EncoderSpec spec, HeadSpec head, long seed, DataType dataType) {
        return init(spec, configure(spec, head, seed, dataType, false), 1);
    }

    /**
     * Encoder + head + a parameter-free {@link ExternalLossTraining#LOSS} layer, for training with a loss
     * computed outside DL4J. Its flat parameter layout equals {@link #encoderWithHead}'s (the loss layer
     * has none), so an EMA copy can be built with that factory.
     */
    public static ComputationGraph trainableEncoderWithHead(EncoderSpec spec, HeadSpec head, long seed, DataType dataType) {
        return init(spec, configure(spec, head, seed, dataType, true), 2);
    }

    /**
     * Encoder + a parameter-free {@link ExternalLossTraining#LOSS} layer on {@link #FEATURES}: for methods whose
     * head lives outside DL4J (the pretext classifiers, PIRL). Same parameter layout as {@link #encoder}.
     */
    public static ComputationGraph trainableEncoder(EncoderSpec spec, long seed, DataType dataType) {
        return init(spec, configure(spec, null, seed, dataType, true), 2);
    }

    /** One residual block (ending in an external-loss layer) on a [inChannels, size, size] input; for gradient checks and micro-benchmarks. */
    public static ComputationGraph residualBlock(ResNetVersion version, boolean bottleneck, int inChannels, int width,
                                                 int stride, int size, long seed, DataType dataType) {
        GraphBuilder b = base(seed, dataType)
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(size, size, inChannels));
        int out = bottleneck ? width * 4 : width;
        boolean project = stride != 1 || inChannels != out;
        String x = bottleneck
                ? bottleneck(b, version, "blk", INPUT, width, stride, project)
                : basic(b, version, "blk", INPUT, width, stride, project);
        return init(b.setOutputs(addLoss(b, x)).build());
    }

    /**
     * RevNet pieces on a [channels, size, size] input: a reversible unit, the stage transition (pool and
     * zero-pad to 2·channels) and a unit of the next stage, ending in an external-loss layer; for gradient checks.
     */
    public static ComputationGraph reversibleUnits(int channels, int inner, int size, long seed, DataType dataType) {
        GraphBuilder b = base(seed, dataType)
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(size, size, channels));
        String x = RevNetTrunk.unit(b, "u1", INPUT, channels, inner);
        x = RevNetTrunk.poolAndDouble(b, "down", x, channels);
        x = RevNetTrunk.unit(b, "u2", x, 2 * channels, 2 * inner);
        return init(b.setOutputs(addLoss(b, x)).build());
    }

    /** One VGG block ({@code convs} conv-BN-ReLU + max-pool, ending in an external-loss layer); for gradient checks. */
    public static ComputationGraph vggBlock(int inChannels, int width, int convs, int size, long seed, DataType dataType) {
        GraphBuilder b = base(seed, dataType)
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(size, size, inChannels));
        String x = VggTrunk.block(b, "blk", INPUT, width, convs);
        return init(b.setOutputs(addLoss(b, x)).build());
    }

    /** The projection head alone (ending in an external-loss layer) on a feature vector input; for gradient checks. */
    public static ComputationGraph head(int featureDim, HeadSpec head, long seed, DataType dataType) {
        GraphBuilder b = base(seed, dataType).addInputs(FEATURES).setInputTypes(InputType.feedForward(featureDim));
        addHead(b, head);
        return init(b.setOutputs(addLoss(b, EMBEDDING)).build());
    }

    /**
     * The same network built from DL4J's own layers: DL4J's batch norm (oneDNN helper) for
     * {@link FewPassBatchNormalization}, DL4J's activation layer for {@link SinglePassRelu}, DL4J's pooling
     * (oneDNN) for {@link LibNd4jMaxPooling}, and DL4J's convolution, which recomputes its output in backprop,
     * for {@link ForwardOnceConvolution}. Same parameters and layout; the reference
     * the faster layers are tested and benchmarked against.
     */
    public static ComputationGraph withDl4jLayers(ComputationGraph g) {
        ComputationGraphConfiguration conf = g.getConfiguration().clone();
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv) {
                NeuralNetConfiguration layerConf = lv.getLayerConf();
                if (layerConf.getLayer() instanceof ForwardOnceConvolution conv) {
                    layerConf.setLayer(conv.toDl4j());
                } else if (layerConf.getLayer() instanceof FewPassBatchNormalization bn) {
                    layerConf.setLayer(bn.toDl4j());
                } else if (layerConf.getLayer() instanceof SinglePassRelu relu) {
                    layerConf.setLayer(relu.toDl4j());
                } else if (layerConf.getLayer() instanceof LibNd4jMaxPooling pool) {
                    layerConf.setLayer(pool.toDl4j());
                }
            }
        }
        ComputationGraph plain = new ComputationGraph(conf);
        plain.init();
        plain.params().assign(g.params());
        return plain;
    }

    private static GraphBuilder base(long seed, DataType dataType) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater(new NoOp())
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Same)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder();
    }

    private static void addHead(GraphBuilder b, HeadSpec head) {
        b.addLayer("head_fc1", new DenseLayer.Builder().nOut(head.hidden()).activation(Activation.RELU).build(), FEATURES);
        b.addLayer(EMBEDDING, new DenseLayer.Builder().nOut(head.outDim()).activation(Activation.IDENTITY)
                .weightInit(WeightInit.XAVIER).build(), "head_fc1");
    }

    private static String addLoss(GraphBuilder b, String in) {
        b.addLayer(ExternalLossTraining.LOSS, new LossLayer.Builder(new ExternalLoss()).activation(Activation.IDENTITY).build(), in);
        return ExternalLossTraining.LOSS;
    }

    /** Checks the parameters fit before allocating them: a too-wide encoder fails here naming the width, not in JavaCPP. */
    private static ComputationGraph init(EncoderSpec spec, ComputationGraphConfiguration conf, int copies) {
        ParameterBudget.require(spec, ParameterBudget.count(conf), copies, conf.getDefaultConfiguration().getDataType());
        return init(conf);
    }

    private static ComputationGraph init(ComputationGraphConfiguration conf) {
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    static ComputationGraphConfiguration configure(EncoderSpec spec, HeadSpec head, long seed, DataType dataType,
                                                   boolean withLoss) {
        GraphBuilder b = base(seed, dataType)
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(spec.inputSize(), spec.inputSize(), spec.channels()));

        String x = switch (spec.arch().family()) {
            case RESNET -> resNetTrunk(b, spec);
            case REVNET -> RevNetTrunk.build(b, spec, INPUT);
            case VGG -> VggTrunk.build(b, spec, INPUT);
        };
        b.addLayer(FEATURES, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        if (head == null) {
            b.setOutputs(withLoss ? addLoss(b, FEATURES) : FEATURES);
        } else {
            addHead(b, head);
            b.setOutputs(withLoss ? addLoss(b, EMBEDDING) : EMBEDDING);
        }
        return b.build();
    }

    private static String resNetTrunk(GraphBuilder b, EncoderSpec spec) {
        String x = stem(b, spec);
        int channels = spec.channels(64);
        int[] blocks = spec.arch().blocksPerStage();
        int[] baseWidths = {64, 128, 256, 512};
        for (int s = 0; s < 4; s++) {
            for (int i = 0; i < blocks[s]; i++) {
                int stride = (s > 0 && i == 0) ? 2 : 1;
                String name = "s" + (s + 1) + "b" + (i + 1);
                int width = spec.channels(baseWidths[s]);
                int out = spec.arch().bottleneck() ? width * 4 : width;
                // A projection shortcut wherever shape changes: stride, or channel count (always at
                // the first bottleneck block; for basic blocks only at stage transitions).
                boolean project = stride != 1 || channels != out;
                x = spec.arch().bottleneck()
                        ? bottleneck(b, spec.version(), name, x, width, stride, project)
                        : basic(b, spec.version(), name, x, width, stride, project);
                channels = out;
            }
        }
        if (spec.version() == ResNetVersion.V2) {
            // Pre-activation nets end with a bare sum; the final BN-ReLU makes the pooled features normalised.
            x = Layers.bnRelu(b, "post", x);
        }
        return x;
    }

    private static String stem(GraphBuilder b, EncoderSpec spec) {
        int c = spec.channels(64);
        if (spec.cifarStem()) {
            b.addLayer("stem_conv", Layers.conv(3, 1, c), INPUT);
        } else {
            b.addLayer("stem_conv", Layers.conv(7, 2, c), INPUT);
        }
        String x = "stem_conv";
        if (spec.version() == ResNetVersion.V1) {
            x = Layers.bnRelu(b, "stem", x);
        }
        if (!spec.cifarStem()) {
            // v2 pools the raw conv output, as in the reference pre-activation ImageNet model.
            b.addLayer("stem_pool", Layers.maxPool(3, 2, null), x);
            x = "stem_pool";
        }
        return x;
    }

    private static String basic(GraphBuilder b, ResNetVersion v, String n, String in, int width, int stride, boolean project) {
        if (v == ResNetVersion.V1) {
            b.addLayer(n + "_conv1", Layers.conv(3, stride, width), in);
            String h = Layers.bnRelu(b, n + "_1", n + "_conv1");
            b.addLayer(n + "_conv2", Layers.conv(3, 1, width), h);
            b.addLayer(n + "_bn2", Layers.bn(), n + "_conv2");
            String shortcut = projectionV1(b, n, in, width, stride, project);
            return addRelu(b, n, n + "_bn2", shortcut, true);
        }
        String pre = Layers.bnRelu(b, n + "_pre", in);
        b.addLayer(n + "_conv1", Layers.conv(3, stride, width), pre);
        String h = Layers.bnRelu(b, n + "_1", n + "_conv1");
        b.addLayer(n + "_conv2", Layers.conv(3, 1, width), h);
        String shortcut = in;
        if (project) {
            b.addLayer(n + "_proj", Layers.conv(1, stride, width), pre);
            shortcut = n + "_proj";
        }
        return addRelu(b, n, n + "_conv2", shortcut, false);
    }

    private static String bottleneck(GraphBuilder b, ResNetVersion v, String n, String in, int width, int stride, boolean project) {
        int out = width * 4;
        if (v == ResNetVersion.V1) {
            b.addLayer(n + "_conv1", Layers.conv(1, 1, width), in);
            String h = Layers.bnRelu(b, n + "_1", n + "_conv1");
            b.addLayer(n + "_conv2", Layers.conv(3, stride, width), h);
            h = Layers.bnRelu(b, n + "_2", n + "_conv2");
            b.addLayer(n + "_conv3", Layers.conv(1, 1, out), h);
            b.addLayer(n + "_bn3", Layers.bn(), n + "_conv3");
            String shortcut = projectionV1(b, n, in, out, stride, project);
            return addRelu(b, n, n + "_bn3", shortcut, true);
        }
        String pre = Layers.bnRelu(b, n + "_pre", in);
        b.addLayer(n + "_conv1", Layers.conv(1, 1, width), pre);
        String h = Layers.bnRelu(b, n + "_1", n + "_conv1");
        b.addLayer(n + "_conv2", Layers.conv(3, stride, width), h);
        h = Layers.bnRelu(b, n + "_2", n + "_conv2");
        b.addLayer(n + "_conv3", Layers.conv(1, 1, out), h);
        String shortcut = in;
        if (project) {
            b.addLayer(n + "_proj", Layers.conv(1, stride, out), pre);
            shortcut = n + "_proj";
        }
        return addRelu(b, n, n + "_conv3", shortcut, false);
    }

    private static String projectionV1(GraphBuilder b, String n, String in, int out, int stride, boolean project) {
        if (!project) {
            return in;
        }
        b.addLayer(n + "_proj", Layers.conv(1, stride, out), in);
        b.addLayer(n + "_proj_bn", Layers.bn(), n + "_proj");
        return n + "_proj_bn";
    }

    private static String addRelu(GraphBuilder b, String n, String residual, String shortcut, boolean relu) {
        b.addVertex(n + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), residual, shortcut);
        if (!relu) {
            return n + "_add";
        }
        b.addLayer(n + "_out", new SinglePassRelu(), n + "_add");
        return n + "_out";
    }
}
