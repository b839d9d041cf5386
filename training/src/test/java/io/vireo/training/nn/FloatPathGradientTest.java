package io.vireo.training.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.model.Arch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.HeadSpec;
import io.vireo.training.model.ResNetGraphs;
import io.vireo.training.model.ResNetVersion;

/**
 * The path training actually takes — float32, oneDNN layer helpers on, a whole ResNet-18 + head
 * ending in the external loss — gives the same gradient, tensor by tensor, as the float64 path
 * (where DL4J runs without oneDNN and {@code GradientCheckTest} checks against finite differences).
 * Also checks that the trainable graph and the EMA key graph lay their flat parameters out alike,
 * since the key encoder's EMA runs on the flat vectors.
 */
class FloatPathGradientTest {
    static final EncoderSpec SPEC = new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 0.25, 32, 3);
    static final HeadSpec HEAD = new HeadSpec(64, 32);

    @BeforeAll
    static void backend() {
        assertThat(TrainingBackend.initialise().helpersEnabled()).isTrue();
    }

    @Test
    void trainableAndKeyGraphsShareTheFlatParameterLayout() {
        ComputationGraph q = ResNetGraphs.trainableEncoderWithHead(SPEC, HEAD, 7, DataType.FLOAT);
        ComputationGraph k = ResNetGraphs.encoderWithHead(SPEC, HEAD, 7, DataType.FLOAT);
        int tensors = 0;
        for (String layer : k.getConfiguration().getVertices().keySet()) {
            if (k.getLayer(layer) == null) {
                continue;
            }
            for (Map.Entry<String, INDArray> e : k.getLayer(layer).paramTable().entrySet()) {
                INDArray other = q.getLayer(layer).paramTable().get(e.getKey());
                assertThat(other.offset() - q.params().offset()).as("%s.%s", layer, e.getKey())
                        .isEqualTo(e.getValue().offset() - k.params().offset());
                tensors++;
            }
        }
        assertThat(tensors).isGreaterThan(100);
    }

    @Test
    void float32OneDnnGradientsMatchFloat64PerTensor() {
        ComputationGraph f = ResNetGraphs.trainableEncoderWithHead(SPEC, HEAD, 7, DataType.FLOAT);
        ComputationGraph d = ResNetGraphs.trainableEncoderWithHead(SPEC, HEAD, 7, DataType.DOUBLE);
        d.params().assign(f.params().castTo(DataType.DOUBLE));
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 16, 3, 32, 32);
        INDArray r = Nd4j.randn(DataType.DOUBLE, 16, HEAD.outDim());
        INDArray rf = r.castTo(DataType.FLOAT);
        INDArray gd = ExternalLossTraining.step(d, x, HEAD.outDim(),
                o -> new LossOracle.Evaluation(o.mul(r).sumNumber().doubleValue(), r.dup())).flatGradient().dup().reshape(-1);
        INDArray gf = ExternalLossTraining.step(f, x.castTo(DataType.FLOAT), HEAD.outDim(),
                o -> new LossOracle.Evaluation(o.mul(rf).sumNumber().doubleValue(), rf.dup())).flatGradient().dup().reshape(-1)
                .castTo(DataType.DOUBLE);
        int tensors = 0;
        for (String layer : d.getConfiguration().getVertices().keySet()) {
            if (d.getLayer(layer) == null) {
                continue;
            }
            for (Map.Entry<String, INDArray> e : d.getLayer(layer).paramTable().entrySet()) {
                long from = e.getValue().offset() - d.params().offset();
                INDArray a = gd.get(NDArrayIndex.interval(from, from + e.getValue().length()));
                INDArray b = gf.get(NDArrayIndex.interval(from, from + e.getValue().length()));
                double norm = a.norm2Number().doubleValue();
                assertThat(norm).as("%s.%s gradient is zero: nothing flows back there", layer, e.getKey()).isGreaterThan(0);
                // Measured worst ~3e-3 (the 32x32 first stage, float accumulation); a wrong or missing
                // gradient is O(1).
                assertThat(a.sub(b).norm2Number().doubleValue() / norm).as("%s.%s relative error", layer, e.getKey())
                        .isLessThan(2e-2);
                tensors++;
            }
        }
        assertThat(tensors).isGreaterThan(100);
    }
}
