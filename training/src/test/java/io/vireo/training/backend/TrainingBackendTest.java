package io.vireo.training.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.javacpp.Loader;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class TrainingBackendTest {

    @Test
    void cpuBackendLoadsOneDnnNativesWithTheProjectsJavacpp() throws Exception {
        BackendInfo info = TrainingBackend.initialise();
        assertThat(info.backend()).isEqualToIgnoringCase("CPU");
        assertThat(info.oneDnn()).as("native library built with oneDNN and using it").isTrue();
        assertThat(info.helpersEnabled()).isTrue();
        // The JavaCV modules force javacpp 1.5.14; ND4J M2.1 was built against 1.5.7. Prove the mix works.
        assertThat(Loader.getVersion()).isEqualTo("1.5.14");
        assertThat(Loader.getLoadedLibraries().toString()).contains("-onednn");
        assertThat(Nd4j.create(new float[] {1, 2, 3, 4}, 2, 2).mmul(Nd4j.eye(2).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT))
                .sumNumber().doubleValue()).isEqualTo(10.0);
    }

    /** Conv → BN → max-pool → conv → BN → softmax: the layer types oneDNN helpers replace. */
    private static MultiLayerNetwork smallConvNet() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1)
                .dataType(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                .updater(new org.nd4j.linalg.learning.config.Sgd(0.1))
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX, new int[] {2, 2}).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(16, 16, 3))
                .build());
        net.init();
        return net;
    }

    /**
     * The helpers are a faster implementation, not a different model: the same network built
     * without them (DL4J's own Java/libnd4j layers) gives the same output, loss and update.
     */
    @Test
    void oneDnnHelpersComputeWhatThePlainLayersCompute() {
        TrainingBackend.initialise();
        MultiLayerNetwork fast = smallConvNet();
        MultiLayerNetwork plain;
        String before = System.getProperty(TrainingBackend.HELPERS_DISABLE_PROPERTY);
        System.setProperty(TrainingBackend.HELPERS_DISABLE_PROPERTY, "true");
        try {
            plain = smallConvNet();
        } finally {
            System.setProperty(TrainingBackend.HELPERS_DISABLE_PROPERTY, before);
        }
        assertThat(fast.getLayer(0).getHelper()).as("helper in the fast net").isNotNull();
        assertThat(plain.getLayer(0).getHelper()).as("no helper in the plain net").isNull();
        assertThat(plain.getLayer(1).getHelper()).isNull();
        assertThat(plain.params()).isEqualTo(fast.params());

        org.nd4j.linalg.api.ndarray.INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 6, 3, 16, 16);
        org.nd4j.linalg.api.ndarray.INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 6, 3);
        for (int i = 0; i < 6; i++) {
            y.putScalar(i, i % 3, 1f);
        }
        assertThat(maxRelativeDifference(fast.output(x, true), plain.output(x, true))).as("forward").isLessThan(1e-4);
        fast.setInput(x);
        fast.setLabels(y);
        plain.setInput(x);
        plain.setLabels(y);
        fast.computeGradientAndScore();
        plain.computeGradientAndScore();
        assertThat(fast.score()).as("loss").isCloseTo(plain.score(), org.assertj.core.api.Assertions.within(1e-4 * plain.score()));

        org.nd4j.linalg.api.ndarray.INDArray start = fast.params().dup();
        fast.fit(x, y);
        plain.fit(x, y);
        org.nd4j.linalg.api.ndarray.INDArray fastStep = fast.params().sub(start);
        org.nd4j.linalg.api.ndarray.INDArray plainStep = plain.params().sub(start);
        assertThat(fastStep.norm2Number().doubleValue()).as("the step moved the parameters").isGreaterThan(1e-3);
        assertThat(fastStep.sub(plainStep).norm2Number().doubleValue() / plainStep.norm2Number().doubleValue())
                .as("one step's parameter update, relative").isLessThan(1e-3);
    }

    private static double maxRelativeDifference(org.nd4j.linalg.api.ndarray.INDArray a, org.nd4j.linalg.api.ndarray.INDArray b) {
        return a.sub(b).amaxNumber().doubleValue() / Math.max(1e-12, b.amaxNumber().doubleValue());
    }

    @Test
    void convolutionBatchNormAndPoolingLayersGetOneDnnHelpers() {
        TrainingBackend.initialise();
        MultiLayerNetwork net = smallConvNet();
        // Null helpers mean DL4J fell back to its slow built-in Java implementations.
        assertThat(net.getLayer(0).getHelper()).as("conv helper").isNotNull();
        assertThat(net.getLayer(0).getHelper().getClass().getSimpleName()).contains("MKLDNN");
        assertThat(net.getLayer(1).getHelper()).as("batch-norm helper").isNotNull();
        assertThat(net.getLayer(2).getHelper()).as("pooling helper").isNotNull();
        net.output(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 16, 16));
    }
}
