package io.vireo.training.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.vireo.training.TrainingResult;
import io.vireo.training.TrainingRun;
import io.vireo.training.augment.MocoV2Augment;
import io.vireo.training.config.TrainConfig;
import io.vireo.training.data.SyntheticShapesSource;
import io.vireo.training.objective.MocoV2;
import io.vireo.training.probe.Features;
import io.vireo.training.probe.KnnProbe;

/**
 * Diagnostic: trains in chunks and prints loss and kNN accuracy along the way.
 * -Dvireo.excludedGroups= -Dtest=ConvergenceProbeTest -Dvireo.probe.overrides="a=1,b=2" -Dvireo.probe.chunks=3
 */
@Tag("bench")
class ConvergenceProbeTest {
    @Test
    void probe() throws Exception {
        Path dir = Files.createTempDirectory("vireo-probe");
        List<String> o = new ArrayList<>(List.of("data.images=512", "data.classes=4", "data.imageSize=32",
                "model.width=0.25", "model.inputSize=32", "batchSize=32", "moco.bnGroups=2", "moco.queueSize=256",
                "moco.headHidden=128", "moco.headOut=64", "moco.momentum=0.99", "steps=300", "optim.lr=0.03",
                "optim.warmupSteps=5", "output.checkpointEvery=0", "output.dir=" + dir));
        String extra = System.getProperty("vireo.probe.overrides", "");
        if (!extra.isBlank()) {
            o.addAll(Arrays.asList(extra.split(",")));
        }
        int chunks = Integer.parseInt(System.getProperty("vireo.probe.chunks", "3"));
        TrainConfig base = TrainConfig.parse("", "probe", o);
        SyntheticShapesSource source = new SyntheticShapesSource(base.data().images(), base.data().classes(),
                base.data().imageSize(), base.seed());
        MocoV2Augment eval = MocoV2Augment.mocoV2(base.model().inputSize());
        List<Long> train = LongStream.range(0, 384).boxed().toList();
        List<Long> test = LongStream.range(384, 512).boxed().toList();
        System.out.printf("PROBE %s%n", extra);
        System.out.printf("PROBE step 0 kNN %.3f%n", knn(new MocoV2(base.encoderSpec(), base.mocoSettings(), base.seed(), 512), source, train, test, eval));
        for (int c = 1; c <= chunks; c++) {
            List<String> oc = new ArrayList<>(o);
            oc.add("stopAfterSteps=" + base.steps() * c / chunks);
            TrainingResult r = TrainingRun.run(TrainConfig.parse("", "probe", oc), p -> { });
            double mean = r.losses().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double first = r.losses().get(0), last = r.losses().get(r.losses().size() - 1);
            System.out.printf("PROBE step %d loss first %.3f mean %.3f last %.3f kNN %.3f%n", base.steps() * c / chunks,
                    first, mean, last, knn((MocoV2) r.objective(), source, train, test, eval));
            var g = r.objective().encoder();
            for (String bn : List.of("stem_bn", "s1b1_1_bn", "s4b2_bn2")) {
                var l = g.getLayer(bn);
                System.out.printf("PROBE   %s mean|.| %.4f var %.4f gamma %.4f%n", bn, l.getParam("mean").meanNumber().doubleValue(),
                        l.getParam("var").meanNumber().doubleValue(), l.getParam("gamma").meanNumber().doubleValue());
            }
            var f = Features.extract(g, source, test, eval, 128).features();
            var fn = io.vireo.training.loss.InfoNce.normalizeRows(f);
            System.out.printf("PROBE   feature mean cos %.4f  mean norm %.4f%n", fn.mmul(fn.transpose()).meanNumber().doubleValue(),
                    f.norm2(1).meanNumber().doubleValue());
        }
    }

    static double knn(MocoV2 m, SyntheticShapesSource source, List<Long> train, List<Long> test, MocoV2Augment eval) {
        Features.Labeled tr = Features.extract(m.encoder(), source, train, eval, 128);
        Features.Labeled te = Features.extract(m.encoder(), source, test, eval, 128);
        return KnnProbe.accuracy(tr.features(), tr.labels(), te.features(), te.labels(), 20, 0.07, 4);
    }
}
