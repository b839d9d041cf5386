package io.vireo.training.bench;

import java.util.Map;
import java.util.SplittableRandom;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.augment.Batch;
import io.vireo.training.augment.MocoV2Augment;
import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.data.SourcePosition;
import io.vireo.training.data.SyntheticShapesSource;
import io.vireo.training.model.Arch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.HeadSpec;
import io.vireo.training.model.ResNetVersion;
import io.vireo.training.objective.BnLeakGuard;
import io.vireo.training.objective.MocoV2;
import io.vireo.training.objective.MocoV2Settings;

/**
 * Measures MoCo v2 step throughput and off-heap memory; run explicitly: -Dtest=StepThroughputTest
 * -Dvireo.bench.width=1 -Dvireo.bench.size=64 (-Dvireo.bench.arch=revnet50 -Dvireo.bench.version=v2).
 */
@Tag("bench")
class StepThroughputTest {
    @Test
    void measure() {
        System.out.println(TrainingBackend.initialise());
        double width = Double.parseDouble(System.getProperty("vireo.bench.width", "0.25"));
        int size = Integer.parseInt(System.getProperty("vireo.bench.size", "32"));
        int batch = Integer.parseInt(System.getProperty("vireo.bench.batch", "64"));
        int steps = Integer.parseInt(System.getProperty("vireo.bench.steps", "6"));
        Arch arch = Arch.parse(System.getProperty("vireo.bench.arch", "resnet18"));
        ResNetVersion version = ResNetVersion.parse(System.getProperty("vireo.bench.version", "v1"));
        MocoV2 m = new MocoV2(new EncoderSpec(arch, version, width, size, 3),
                new MocoV2Settings(4096, 0.2, 0.999, new HeadSpec(2048, 128), BnLeakGuard.SHUFFLED_GROUPS, 4, 0.9, 1e-4), 1, -1);
        INDArray a = Nd4j.randn(DataType.FLOAT, batch, 3, size, size);
        INDArray b = Nd4j.randn(DataType.FLOAT, batch, 3, size, size);
        Batch bt = new Batch(0, a, b, new int[batch], new SourcePosition(Map.of()));
        long peak = 0;
        for (int i = 0; i < 2; i++) {
            m.step(bt, 0.01, i);
            peak = Math.max(peak, Pointer.physicalBytes());
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            m.step(bt, 0.01, i);
        }
        double s = (System.nanoTime() - t0) / 1e9 / steps;
        long k0 = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            m.keyNetworkForTiming(b, i);
        }
        double ks = (System.nanoTime() - k0) / 1e9 / steps;
        SyntheticShapesSource src = new SyntheticShapesSource(64, 4, size + size / 4, 1);
        MocoV2Augment aug = MocoV2Augment.mocoV2(size);
        long a0 = System.nanoTime();
        for (int i = 0; i < 256; i++) {
            aug.apply(src.read(i % 64).image(), new SplittableRandom(i));
        }
        double perView = (System.nanoTime() - a0) / 1e9 / 256;
        System.out.printf("RESULT %s width=%s size=%d batch=%d: %.1f M parameters, peak RSS %.2f GB, ND4J off-heap %.2f GB%n",
                arch.configName(), width, size, batch, m.encoder().numParams() / 1e6, peak / 1e9, Pointer.totalBytes() / 1e9);
        System.out.printf("RESULT width=%s size=%d batch=%d: step %.3f s = %.1f img/s (key fwd %.3f s); augment %.2f ms/view (%.0f pairs/s on one thread)%n",
                width, size, batch, s, batch / s, ks, perView * 1e3, 1 / (2 * perView));
    }
}
