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

    @Test
    void convolutionBatchNormAndPoolingLayersGetOneDnnHelpers() {
        TrainingBackend.initialise();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(1)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX, new int[] {2, 2}).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 3))
                .build());
        net.init();
        // Null helpers mean DL4J fell back to its slow built-in Java implementations.
        assertThat(net.getLayer(0).getHelper()).as("conv helper").isNotNull();
        assertThat(net.getLayer(0).getHelper().getClass().getSimpleName()).contains("MKLDNN");
        assertThat(net.getLayer(1).getHelper()).as("batch-norm helper").isNotNull();
        assertThat(net.getLayer(2).getHelper()).as("pooling helper").isNotNull();
        net.output(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 8, 8));
    }
}
