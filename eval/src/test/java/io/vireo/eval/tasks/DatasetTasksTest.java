package io.vireo.eval.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vireo.eval.datasets.Fixtures;
import io.vireo.eval.datasets.ade20k.Ade20kDataset;
import io.vireo.eval.datasets.masks.LabelMap;
import io.vireo.eval.datasets.voc.VocDataset;
import io.vireo.eval.encoder.Encoder;
import io.vireo.eval.encoder.EncoderLoader;
import io.vireo.eval.encoder.FeatureExtractor;
import io.vireo.eval.probe.LinearProbeConfig;
import io.vireo.eval.probe.ProbeResult;
import io.vireo.eval.segmentation.LinearSegmentation;
import io.vireo.eval.segmentation.SegmentationConfig;
import io.vireo.eval.segmentation.SegmentationResult;
import io.vireo.eval.segmentation.SegmentationSample;
import io.vireo.training.model.Arch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.ResNetVersion;

/**
 * The VOC and ADE20K tasks end to end on fixtures in the released formats, with a random-init
 * encoder: the fixtures make the classes differ in colour, which even random convolutional
 * features carry linearly, so the figures must be high; a broken reader, label shift or
 * upsampling would show up as chance-level numbers.
 */
class DatasetTasksTest {

    private static final EncoderSpec SPEC = new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 0.25, 32, 3);
    private static final Scalar RED = new Scalar(20, 20, 230, 0);
    private static final Scalar BLUE = new Scalar(230, 40, 20, 0);
    private static final Scalar GREEN = new Scalar(30, 220, 40, 0);

    @TempDir
    Path dir;

    @Test
    void vocClassificationSeparatesColourCodedClassesAndCroppedBoxesClassifyObjects() throws Exception {
        Path root = dir.resolve("VOCdevkit/VOC2012");
        List<String> train = new ArrayList<>();
        List<String> val = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String id = String.format("2012_%06d", i);
            boolean cat = i % 2 == 0;
            // A cat is a red box on grey, a dog a blue box; box positions vary.
            int x = 4 + (i * 7) % 20;
            int y = 3 + (i * 5) % 15;
            Fixtures.jpeg(root.resolve("JPEGImages/" + id + ".jpg"), 64, 48, new Scalar(128, 128, 128, 0),
                    new org.bytedeco.opencv.opencv_core.Rect(x, y, 30, 25), cat ? RED : BLUE);
            List<Fixtures.Obj> objects = new ArrayList<>();
            objects.add(new Fixtures.Obj(cat ? "cat" : "dog", x + 1, y + 1, x + 30, y + 25, false, i % 3 == 0));
            if (i == 5) {
                objects.add(new Fixtures.Obj("cat", 1, 1, 4, 4, true, false)); // difficult: out of cat's AP
            }
            Fixtures.vocXml(root.resolve("Annotations/" + id + ".xml"), id, 64, 48, objects);
            (i < 16 ? train : val).add(id);
        }
        Fixtures.lines(root.resolve("ImageSets/Main/train.txt"), train);
        Fixtures.lines(root.resolve("ImageSets/Main/val.txt"), val);
        VocDataset voc = VocDataset.open(root, null);
        FeatureExtractor extractor = new FeatureExtractor(EncoderLoader.random(SPEC, 1), 16);

        VocClassificationResult r = VocClassification.evaluate(extractor, voc, "train", "val", LinearProbeConfig.defaults());
        assertThat(r.apAllPoint()).containsOnlyKeys("cat", "dog");
        assertThat(r.mapAllPoint()).isEqualTo(1.0);
        assertThat(r.mapElevenPoint()).isEqualTo(1.0);
        assertThat(r.trainImages()).isEqualTo(16);
        assertThat(r.testImages()).isEqualTo(8);

        ProbeResult crops = VocCroppedBoxes.evaluate(extractor, voc, "train", "val", LinearProbeConfig.defaults());
        assertThat(crops.testSize()).isEqualTo(8);
        assertThat(crops.top1()).isEqualTo(1.0);
    }

    @Test
    void ade20kReaderShiftsLabelsIgnoresZeroAndRejectsLabelsAbove150() throws Exception {
        Path root = ade(4, 2);
        Ade20kDataset ade = Ade20kDataset.open(root);
        List<SegmentationSample> samples = ade.samples("training");
        assertThat(samples).hasSize(4);
        assertThat(samples.get(0).id()).isEqualTo("ADE_train_00000001");
        int[] values = new int[16];
        values[0] = 0;
        values[1] = 1;
        values[2] = 150;
        Path png = dir.resolve("m.png");
        Fixtures.greyPng(png, 4, 4, values);
        LabelMap m = Ade20kDataset.mask(png);
        assertThat(m.labels()[0]).isEqualTo(LabelMap.IGNORE);
        assertThat(m.labels()[1]).isZero();
        assertThat(m.labels()[2]).isEqualTo(149);
        values[7] = 151;
        Fixtures.greyPng(png, 4, 4, values);
        assertThatThrownBy(() -> Ade20kDataset.mask(png)).hasMessageContaining(png.toString()).hasMessageContaining("151");

        Files.delete(root.resolve("annotations/validation/ADE_val_00000002.png"));
        assertThatThrownBy(() -> ade.samples("validation")).hasMessageContaining("ADE_val_00000002.png");
        Path broken = root.resolve("images/validation/ADE_val_00000001.jpg");
        Files.writeString(broken, "truncated");
        assertThatThrownBy(() -> Ade20kDataset.open(dir.resolve("nope"))).hasMessageContaining("nope");
        deleteTree(root.resolve("annotations/validation"));
        assertThatThrownBy(() -> Ade20kDataset.open(root)).hasMessageContaining(root.resolve("annotations/validation").toString());
    }

    @Test
    void linearHeadOnUpsampledFeaturesSegmentsColourHalves() throws Exception {
        Ade20kDataset ade = Ade20kDataset.open(ade(10, 4));
        Encoder encoder = EncoderLoader.random(SPEC, 2);
        SegmentationResult r = LinearSegmentation.evaluate("ADE20K fixture", encoder, Ade20kDataset.CLASSES,
                ade.samples("training"), ade.samples("validation"), Ade20kDataset::mask,
                new SegmentationConfig(200, 1e-3, 200, 8, 1));
        // Two classes present; the boundary pixels are the only hard ones at a 4×4 feature grid.
        assertThat(r.pixelAccuracy()).isGreaterThan(0.85);
        assertThat(r.meanIou()).isGreaterThan(0.7);
        assertThat(r.testImages()).isEqualTo(4);
    }

    @Test
    void vocSegmentationIgnores255AndFailsOnAnUndecodableImage() throws Exception {
        Path root = dir.resolve("VOC2012");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = "s" + i;
            ids.add(id);
            boolean flip = i % 2 == 1;
            Fixtures.halves(root.resolve("JPEGImages/" + id + ".jpg"), 40, 30, flip ? GREEN : RED, flip ? RED : GREEN);
            int[] mask = Fixtures.halvesMask(40, 30, flip ? 0 : 15, flip ? 15 : 0); // red = person (15), green = background
            for (int y = 0; y < 30; y++) {
                mask[y * 40 + 20] = 255; // the border column, as VOC draws object outlines
            }
            Fixtures.palettePng(root.resolve("SegmentationClass/" + id + ".png"), 40, 30, mask);
        }
        Fixtures.lines(root.resolve("ImageSets/Segmentation/train.txt"), ids.subList(0, 6));
        Fixtures.lines(root.resolve("ImageSets/Segmentation/val.txt"), ids.subList(6, 8));
        VocDataset voc = VocDataset.open(root, null);
        Encoder encoder = EncoderLoader.random(SPEC, 3);
        SegmentationResult r = LinearSegmentation.evaluate("VOC fixture", encoder, 21, voc.segmentationSamples("train"),
                voc.segmentationSamples("val"), VocDataset::mask, new SegmentationConfig(200, 1e-3, 200, 8, 1));
        assertThat(r.pixelAccuracy()).isGreaterThan(0.85);

        Path broken = root.resolve("JPEGImages/s7.jpg");
        Files.write(broken, new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3});
        assertThatThrownBy(() -> LinearSegmentation.evaluate("VOC fixture", encoder, 21, voc.segmentationSamples("train"),
                voc.segmentationSamples("val"), VocDataset::mask, SegmentationConfig.defaults()))
                .hasMessageContaining(broken.toString());
    }

    /** ADEChallengeData2016 with n training and m validation images: left half class 3, right half class 7. */
    private Path ade(int n, int m) throws Exception {
        Path root = dir.resolve("ADEChallengeData2016");
        for (String split : List.of("training", "validation")) {
            int count = split.equals("training") ? n : m;
            String prefix = split.equals("training") ? "ADE_train_" : "ADE_val_";
            for (int i = 1; i <= count; i++) {
                String stem = String.format("%s%08d", prefix, i);
                boolean flip = i % 2 == 0;
                int w = 48 + 8 * (i % 3);
                int h = 40;
                Fixtures.halves(root.resolve("images/" + split + "/" + stem + ".jpg"), w, h, flip ? BLUE : RED, flip ? RED : BLUE);
                int[] mask = Fixtures.halvesMask(w, h, flip ? 7 : 3, flip ? 3 : 7);
                mask[0] = 0; // "other": not scored
                Fixtures.greyPng(root.resolve("annotations/" + split + "/" + stem + ".png"), w, h, mask);
            }
        }
        return root;
    }

    private static void deleteTree(Path p) throws Exception {
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
