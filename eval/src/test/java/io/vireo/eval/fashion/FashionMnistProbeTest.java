package io.vireo.eval.fashion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vireo.eval.datasets.idx.FashionMnist;
import io.vireo.eval.datasets.idx.Idx;
import io.vireo.eval.encoder.Encoder;
import io.vireo.eval.encoder.EncoderLoader;
import io.vireo.eval.encoder.FeatureExtractor;
import io.vireo.eval.probe.KnnConfig;
import io.vireo.eval.probe.KnnProbe;
import io.vireo.eval.probe.LabeledFeatures;
import io.vireo.eval.probe.LinearProbe;
import io.vireo.eval.probe.LinearProbeConfig;
import io.vireo.eval.probe.ProbeResult;
import io.vireo.training.Progress;
import io.vireo.training.ProgressListener;
import io.vireo.training.TrainingResult;
import io.vireo.training.TrainingRun;
import io.vireo.training.config.TrainConfig;

/**
 * The probe benchmark on real data: a linear probe on the frozen features of an encoder briefly
 * trained by training's {@link TrainingRun} on Fashion-MNIST training images must beat the same
 * probe on the same architecture at random initialisation (the trainer's own seed, i.e. its
 * starting point) by more than the noise, on the official test split.
 */
class FashionMnistProbeTest {

    static final Path DATA = Path.of(System.getProperty("user.home"), ".cache/vireo/real-data/fashion-mnist");
    static final int TRAIN = Integer.getInteger("vireo.fmnist.train", 2000);
    /** The whole official test split: the standard error of a top-1 near 0.8 is then 0.004, not 0.013 as on 1000. */
    static final int TEST = Integer.getInteger("vireo.fmnist.test", 10_000);
    static final int STEPS = Integer.getInteger("vireo.fmnist.steps", 200);

    @TempDir
    Path dir;

    @Test
    void idxReaderReadsTheDistributedFilesAndRejectsOthers() throws Exception {
        assumeTrue(Files.isDirectory(DATA), "real data missing: run scripts/fetch-real-data.sh");
        FashionMnist.Split test = FashionMnist.load(DATA, "t10k");
        assertThat(test.images().count()).isEqualTo(10_000);
        assertThat(test.images().rows()).isEqualTo(28);
        int[] perClass = new int[10];
        for (int l : test.labels()) {
            perClass[l]++;
        }
        assertThat(perClass).containsOnly(1000); // the official test split is balanced
        assertThat(test.labels()[0]).isEqualTo(9); // the first test image is an ankle boot
        Path bad = dir.resolve("x-images-idx3-ubyte");
        Files.write(bad, new byte[] {0, 0, 8, 1, 0, 0, 0, 1});
        assertThatThrownBy(() -> Idx.images(bad)).hasMessageContaining(bad.toString()).hasMessageContaining("3 dimension");
        Files.write(bad, new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3});
        assertThatThrownBy(() -> Idx.images(bad)).hasMessageContaining(bad.toString()).hasMessageContaining("truncated");
    }

    /**
     * The probes must tell a trained encoder from an untrained one on real data: an encoder trained by the trainer
     * ({@link TrainingRun}, method {@code supervised}: 200 steps of 64 labelled images from the same 2000 the probe
     * is fitted on, ResNet-18 ×0.25 v1 at 28 px), saved as a checkpoint and loaded back by the eval, must beat the
     * same architecture at the run's own random initialisation by more than two standard errors on the whole official
     * test split. Measured (seed 42): linear top-1 0.8205 vs 0.7647 (+0.056, 2 SE = 0.011), kNN 0.798 vs 0.737;
     * training ~1 min, the probes of one encoder ~30–40 s on an idle 2-core host.
     *
     * <p>Why supervised training and not a self-supervised method: at a CI budget none of them beats the random
     * initialisation reliably here, so none can make the check fail only when the eval is wrong. Random-init
     * features are a strong linear-probe baseline on Fashion-MNIST (0.765 on 2000 labels). Measured on the same split,
     * seed 42: rotation, 200 steps of 16 (×4 rotations): 0.785 and 0.769 in two runs whose arithmetic differed in the
     * last bits (DL4J's vs the few-pass batch norm), kNN 0.736 vs 0.737; rotation, 100 steps of 64: 0.764 (the
     * pretext loss falls to 0.09, so upright clothing makes it too easy to teach much); MoCo v2, 300 steps of 64,
     * queue 1024, momentum 0.99, head 256/64: 0.760, kNN 0.718 vs 0.737. Run those with
     * {@code -Dvireo.fmnist.overrides=method=rotation,batchSize=16} and the like; {@code output.checkpointEvery=100}
     * among them also probes every checkpoint (a learning curve); {@code -Dvireo.fmnist.steps|train|test} change the
     * sizes. One run (rotation, 100 steps) once died in its last probe with a SIGSEGV in libnd4jcpu ({@code
     * sd::TadDescriptor}, under the broadcast ops of {@code SoftmaxRegression}'s objective), like deeplearning4j issue
     * 9278.
     */
    @Test
    void linearProbeOnATrainedEncoderBeatsTheRandomInitialisation() throws Exception {
        assumeTrue(Files.isDirectory(DATA), "real data missing: run scripts/fetch-real-data.sh");
        FashionMnist.Split train = FashionMnist.load(DATA, "train");
        FashionMnist.Split test = FashionMnist.load(DATA, "t10k");
        long t0 = System.nanoTime();
        // A folder per class: the supervised method reads its labels from the layout, as ImageFolder does.
        Path images = dir.resolve("fmnist-train");
        for (int i = 0; i < TRAIN; i++) {
            Path f = images.resolve(String.valueOf(train.labels()[i])).resolve(String.format("%05d.png", i));
            Files.createDirectories(f.getParent());
            Mat m = train.bgr(i);
            imwrite(f.toString(), m);
            m.close();
        }
        // MoCo v2's view augmentation, milder: 28 px crops of a fifth of the image keep little of a garment.
        List<String> overrides = new ArrayList<>(List.of("method=supervised", "data.kind=image-folder",
                "data.path=" + images, "model.width=0.25", "model.inputSize=28", "batchSize=64", "steps=" + STEPS,
                "optim.lr=0.05", "optim.warmupSteps=10", "augment.minScale=0.5", "augment.blurProb=0",
                "output.checkpointEvery=0", "output.dir=" + dir.resolve("run"), "seed=42"));
        String extra = System.getProperty("vireo.fmnist.overrides", "");
        if (!extra.isBlank()) {
            overrides.addAll(List.of(extra.split(",")));
        }
        TrainConfig config = TrainConfig.parse("", "fashion-mnist probe test", overrides);
        double writeSeconds = seconds(t0);

        // The baseline first: the same architecture and seed as the run's starting point.
        long tr = System.nanoTime();
        ProbeResult[] r = probes(EncoderLoader.random(config.encoderSpec(), config.seed()), train, test);
        System.out.printf("FMNIST random linear top1 %.4f knn top1 %.4f (probes %.0f s)%n", r[0].top1(), r[1].top1(), seconds(tr));
        long tt = System.nanoTime();
        // With output.checkpointEvery=N among the overrides, every intermediate checkpoint is probed too
        // (a learning curve, for experiments; it costs a probe per checkpoint).
        TrainingResult run = TrainingRun.run(config, new ProgressListener() {
            @Override
            public void onStep(Progress p) {
                if (p.step() % 50 == 0) {
                    System.out.printf("FMNIST step %d loss %.3f (%.0f s)%n", p.step(), p.loss(), seconds(tt));
                }
            }

            @Override
            public void onCheckpoint(Path file, long step) {
                if (step < config.steps()) {
                    ProbeResult[] c = probes(EncoderLoader.checkpoint(file, 0), train, test);
                    System.out.printf("FMNIST curve step %d linear top1 %.4f knn top1 %.4f%n", step, c[0].top1(), c[1].top1());
                }
            }
        });
        double trainSeconds = seconds(tt);
        long tp = System.nanoTime();
        ProbeResult[] t = probes(EncoderLoader.checkpoint(run.checkpoint(), 0), train, test);
        System.out.printf("FMNIST wall s: write %.0f, train %.0f, trained probes %.0f; process CPU s %.0f%n", writeSeconds,
                trainSeconds, seconds(tp), ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime() / 1e9);
        double firstLoss = run.losses().get(0);
        double lastLoss = run.losses().subList(Math.max(0, run.losses().size() - 20), run.losses().size()).stream()
                .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        System.out.printf("FMNIST train=%d test=%d steps=%d %s loss %.3f -> %.3f (last-20 mean)%n", TRAIN, TEST,
                STEPS, config.method(), firstLoss, lastLoss);
        System.out.printf("FMNIST linear top1 trained %.4f random %.4f | top5 trained %.4f random %.4f | l2 %s / %s%n",
                t[0].top1(), r[0].top1(), t[0].top5(), r[0].top5(), t[0].settings().get("l2"), r[0].settings().get("l2"));
        System.out.printf("FMNIST knn    top1 trained %.4f random %.4f%n", t[1].top1(), r[1].top1());

        // Beaten by more than the noise: twice the standard error of the difference of two accuracies on TEST images
        // (as if independent; the two probes score the same images, so the true error is smaller).
        double se = Math.sqrt((t[0].top1() * (1 - t[0].top1()) + r[0].top1() * (1 - r[0].top1())) / TEST);
        System.out.printf("FMNIST linear margin %.4f, 2 standard errors %.4f%n", t[0].top1() - r[0].top1(), 2 * se);
        assertThat(t[0].top1() - r[0].top1())
                .as("linear probe top-1: trained %.4f vs random init %.4f (2 SE = %.4f)", t[0].top1(), r[0].top1(), 2 * se)
                .isGreaterThan(2 * se);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static ProbeResult[] probes(Encoder encoder, FashionMnist.Split train, FashionMnist.Split test) {
        FeatureExtractor x = new FeatureExtractor(encoder, 256);
        LabeledFeatures tr = new LabeledFeatures(x.extract(TRAIN, train::bgr), java.util.Arrays.copyOf(train.labels(), TRAIN),
                10, "Fashion-MNIST train[0:" + TRAIN + "] via " + encoder.origin());
        LabeledFeatures te = new LabeledFeatures(x.extract(TEST, test::bgr), java.util.Arrays.copyOf(test.labels(), TEST),
                10, "Fashion-MNIST t10k[0:" + TEST + "] via " + encoder.origin());
        return new ProbeResult[] {LinearProbe.evaluate(tr, te, LinearProbeConfig.defaults()),
                KnnProbe.evaluate(tr, te, KnnConfig.defaults())};
    }
}
