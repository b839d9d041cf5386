package io.vireo.training.bench;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import io.vireo.training.augment.Batch;
import io.vireo.training.augment.BatchPipeline;
import io.vireo.training.augment.MocoV2Augment;
import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.config.TrainConfig;
import io.vireo.training.data.LabeledImage;
import io.vireo.training.data.ShuffledImageStream;
import io.vireo.training.data.SyntheticShapesSource;
import io.vireo.training.objective.MocoV2;
import io.vireo.training.objective.StepStats;

/**
 * Diagnostic for the A/B against the PyTorch reference (scripts/moco_v2_reference.py, scripts/moco_v2_replay.py):
 * writes the synthetic images as PNGs, the initial weights, every step's input views, the queue, the LR and
 * the loss, and the weights after the first steps and at the end, as .npy, so the reference can replay the same
 * steps on the same tensors. -Dvireo.excludedGroups= -Dtest=MocoStepExportTest -Dvireo.export.dir=/tmp/x
 * -Dvireo.export.steps=20 -Dvireo.export.overrides="moco.bnGroups=1"
 */
@Tag("bench")
class MocoStepExportTest {
    @Test
    void export() throws Exception {
        TrainingBackend.initialise();
        Path dir = Path.of(System.getProperty("vireo.export.dir", "/tmp/vireo-export"));
        int steps = Integer.getInteger("vireo.export.steps", 20);
        List<Integer> at = Arrays.stream(System.getProperty("vireo.export.at", "").split(",")).filter(x -> !x.isBlank())
                .map(Integer::parseInt).toList();
        List<String> o = new ArrayList<>(List.of("data.images=512", "data.classes=4", "data.imageSize=32", "data.colours=1",
                "model.width=0.25", "model.inputSize=32", "batchSize=32", "moco.bnGroups=1", "moco.queueSize=256",
                "moco.headHidden=128", "moco.headOut=64", "moco.momentum=0.99", "steps=150", "optim.lr=0.03",
                "optim.warmupSteps=5", "output.dir=" + dir.resolve("run")));
        String extra = System.getProperty("vireo.export.overrides", "");
        if (!extra.isBlank()) {
            o.addAll(Arrays.asList(extra.split(",")));
        }
        TrainConfig c = TrainConfig.parse("", "export", o);
        SyntheticShapesSource train = new SyntheticShapesSource(c.data().images(), c.data().classes(), c.data().imageSize(),
                c.data().colours(), c.seed());
        writePngs(train, dir.resolve("train"));
        writePngs(new SyntheticShapesSource(1024, c.data().classes(), c.data().imageSize(), c.data().colours(), c.seed() + 1),
                dir.resolve("probe"));

        MocoV2 moco = new MocoV2(c.encoderSpec(), c.mocoSettings(), c.seed(), c.data().images());
        writeParams(moco.encoder(), dir.resolve("query0"));
        npy(moco.queue().negatives(), dir.resolve("queue0.npy"));
        StringBuilder log = new StringBuilder();
        try (BatchPipeline pipeline = new BatchPipeline(new ShuffledImageStream(train, c.seed()),
                MocoV2Augment.mocoV2(c.model().inputSize()), c.batchSize(), c.seed(), 0, 2)) {
            for (int s = 0; s < steps; s++) {
                Batch b = pipeline.take();
                npy(b.first(), dir.resolve("x" + s + "_q.npy"));
                npy(b.second(), dir.resolve("x" + s + "_k.npy"));
                double lr = c.schedule().at(s);
                boolean forced = at.contains(s);
                if (forced) { // the whole state before and after this step, for a one-step replay from Vireo's state
                    writeState(moco, dir.resolve("pre" + s));
                }
                StepStats st = moco.step(b, lr, s);
                if (forced) {
                    writeState(moco, dir.resolve("post" + s));
                }
                log.append(s).append(' ').append(lr).append(' ').append(st.loss()).append('\n');
                if (s < 2 || s == steps - 1) {
                    writeParams(moco.encoder(), dir.resolve("query" + (s + 1)));
                    writeParams(moco.keyNetwork(), dir.resolve("key" + (s + 1)));
                    npy(moco.queue().negatives(), dir.resolve("queue" + (s + 1) + ".npy"));
                }
            }
        }
        Files.writeString(dir.resolve("steps.txt"), log);
    }

    private static void writePngs(SyntheticShapesSource src, Path to) throws Exception {
        Files.createDirectories(to);
        for (long i = 0; i < src.size(); i++) {
            LabeledImage img = src.read(i);
            imwrite(to.resolve(String.format("%04d_%d.png", i, img.label())).toString(), img.image());
            img.image().close();
        }
    }

    private static void writeState(MocoV2 moco, Path to) throws Exception {
        writeParams(moco.encoder(), to.resolve("query"));
        writeParams(moco.keyNetwork(), to.resolve("key"));
        npy(moco.queue().negatives(), to.resolve("queue.npy"));
        Files.writeString(to.resolve("head.txt"), Long.toString(moco.queue().head()));
        // The flat SGD velocity, cut into the query network's tensors.
        INDArray v = moco.state().get("sgd.velocity").reshape(-1);
        ComputationGraph g = moco.encoder();
        for (String layer : g.getConfiguration().getVertices().keySet()) {
            if (g.getLayer(layer) == null) {
                continue;
            }
            for (Map.Entry<String, INDArray> e : g.getLayer(layer).paramTable().entrySet()) {
                long from = e.getValue().offset() - g.params().offset();
                npy(v.get(NDArrayIndex.interval(from, from + e.getValue().length())).reshape(e.getValue().ordering(), e.getValue().shape()),
                        to.resolve("velocity").resolve(layer + "." + e.getKey() + ".npy"));
            }
        }
    }

    private static void writeParams(ComputationGraph g, Path to) throws Exception {
        Files.createDirectories(to);
        for (String layer : g.getConfiguration().getVertices().keySet()) {
            if (g.getLayer(layer) == null) {
                continue;
            }
            for (Map.Entry<String, INDArray> e : g.getLayer(layer).paramTable().entrySet()) {
                npy(e.getValue(), to.resolve(layer + "." + e.getKey() + ".npy"));
            }
        }
    }

    private static void npy(INDArray a, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Nd4j.writeAsNumpy(a.dup('c'), new File(file.toString()));
    }
}
