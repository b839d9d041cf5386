package io.vireo.bench;

import java.util.Locale;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.model.Arch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.HeadSpec;
import io.vireo.training.model.ResNetGraphs;
import io.vireo.training.model.ResNetVersion;
import io.vireo.training.nn.ExternalLossTraining;
import io.vireo.training.nn.LossOracle;

/**
 * The query network's forward + backward (the bulk of a MoCo v2 step: ResNet-18 v1, width 1, 64 px,
 * batch 64, head 2048/128) with Vireo's layers and, in the same process, the same graph built from
 * DL4J's own layers ({@link ResNetGraphs#withDl4jLayers}), alternating step by step. On a shared machine this is a fairer A/B than two
 * {@link TrainBenchmark} runs minutes apart: both see the same load.
 */
public final class BatchNormStepBenchmark {
    private BatchNormStepBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println(TrainingBackend.initialise());
        TrainingBackend.singleBlasThreadForTraining();
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int batch = 64;
        EncoderSpec spec = new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 1, 64, 3);
        HeadSpec head = new HeadSpec(2048, 128);
        ComputationGraph fewPass = ResNetGraphs.trainableEncoderWithHead(spec, head, 1, DataType.FLOAT);
        ComputationGraph dl4j = ResNetGraphs.withDl4jLayers(fewPass);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 3, 64, 64);
        INDArray r = Nd4j.randn(DataType.FLOAT, batch, head.outDim());
        LossOracle oracle = q -> new LossOracle.Evaluation(q.mul(r).sumNumber().doubleValue(), r.dup());
        ComputationGraph[] graphs = {dl4j, fewPass};
        String[] names = {"DL4J layers (BN and pooling helpers, ReLU, recomputing conv)",
            "Vireo layers (few-pass BN, single-pass ReLU, libnd4j pooling, forward-once conv)"};
        double[][] seconds = new double[2][reps];
        for (int warm = 0; warm < 2; warm++) {
            for (ComputationGraph g : graphs) {
                ExternalLossTraining.step(g, x, head.outDim(), oracle);
            }
        }
        String loadBefore = load();
        for (int i = 0; i < reps; i++) {
            for (int k = 0; k < 2; k++) {
                int which = (i % 2 == 0) ? k : 1 - k; // alternate who goes first
                long t0 = System.nanoTime();
                ExternalLossTraining.step(graphs[which], x, head.outDim(), oracle);
                seconds[which][i] = (System.nanoTime() - t0) / 1e9;
            }
        }
        System.out.printf(Locale.ROOT, "query forward+backward, ResNet-18 64 px batch %d, %d alternating reps, load %s -> %s%n",
                batch, reps, loadBefore, load());
        for (int k = 0; k < 2; k++) {
            System.out.printf(Locale.ROOT, "  %-42s median %.3f s  all %s%n", names[k], Timings.median(seconds[k]),
                    java.util.Arrays.toString(java.util.Arrays.stream(seconds[k]).map(s -> Math.round(s * 100) / 100.0).toArray()));
        }
        System.out.printf(Locale.ROOT, "  Vireo layers / DL4J layers: %.3f%n", Timings.median(seconds[1]) / Timings.median(seconds[0]));
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
