package io.vireo.eval.probe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import io.vireo.eval.features.FeatureMatrix;

/**
 * A one-hidden-layer MLP (ReLU) with a softmax output on frozen, standardised features, trained
 * with Adam on mini-batches (a DL4J MultiLayerNetwork: the layers and updater are the library's).
 */
public final class MlpProbe {

    private MlpProbe() {
    }

    public static ProbeResult evaluate(LabeledFeatures train, LabeledFeatures test, MlpProbeConfig config) {
        train.requireCompatible(test);
        Standardizer standardizer = Standardizer.fit(train.features());
        MultiLayerNetwork net = fit(standardizer.apply(train.features()), train.labels(), train.classes(), config);
        double[][] scores = net.output(standardizer.apply(test.features()).toNd4j(DataType.FLOAT), false)
                .castTo(DataType.DOUBLE).toDoubleMatrix();
        int k5 = Math.min(5, test.classes());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("hidden", config.hidden());
        settings.put("epochs", config.epochs());
        settings.put("batchSize", config.batchSize());
        settings.put("optimizer", "Adam");
        settings.put("learningRate", config.learningRate());
        settings.put("weightDecay", config.weightDecay());
        settings.put("standardized", true);
        settings.put("trainSize", train.size());
        settings.put("top5k", k5);
        return new ProbeResult("mlp", TopK.accuracy(scores, test.labels(), 1), TopK.accuracy(scores, test.labels(), k5),
                test.size(), settings);
    }

    static MultiLayerNetwork fit(FeatureMatrix x, int[] labels, int classes, MlpProbeConfig config) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(config.learningRate()))
                .weightDecay(config.weightDecay())
                .weightInit(WeightInit.RELU)
                .list()
                .layer(new DenseLayer.Builder().nIn(x.cols()).nOut(config.hidden()).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(config.hidden()).nOut(classes)
                        .weightInit(WeightInit.XAVIER).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray all = x.toNd4j(DataType.FLOAT);
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, x.rows(), classes);
        for (int i = 0; i < labels.length; i++) {
            oneHot.putScalar(i, labels[i], 1f);
        }
        SplittableRandom random = new SplittableRandom(config.seed());
        int[] order = new int[x.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int from = 0; from < order.length; from += config.batchSize()) {
                int[] batch = java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + config.batchSize()));
                net.fit(Nd4j.pullRows(all, 1, batch), Nd4j.pullRows(oneHot, 1, batch));
            }
        }
        return net;
    }
}
