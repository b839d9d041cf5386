package io.vireo.eval.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vireo.eval.encoder.Encoder;
import io.vireo.eval.encoder.EncoderLoader;
import io.vireo.eval.encoder.FeatureExtractor;
import io.vireo.eval.features.FeatureIndex;
import io.vireo.eval.features.FeatureMatrix;
import io.vireo.eval.features.Npy;
import io.vireo.eval.images.ImageSet;
import io.vireo.training.checkpoint.CheckpointMeta;
import io.vireo.training.checkpoint.CheckpointStore;
import io.vireo.training.model.Arch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.HeadSpec;
import io.vireo.training.model.ResNetVersion;
import io.vireo.training.objective.BnLeakGuard;
import io.vireo.training.objective.MocoV2;
import io.vireo.training.objective.MocoV2Settings;

class FeatureExportTest {

    private static final EncoderSpec SPEC = new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 0.25, 16, 3);

    @TempDir
    Path dir;

    @Test
    void npyFileIsTheNumpyV1LayoutByteForByte() throws Exception {
        FeatureMatrix m = new FeatureMatrix(2, 3, new float[] {1f, -2.5f, 0f, Float.MIN_VALUE, 3.25e7f, -0f});
        Path file = dir.resolve("f.npy");
        Npy.write(file, m);

        // Expected bytes built independently of Npy: magic, version 1.0, uint16 LE header length,
        // the dict padded with spaces to a 64-byte boundary and '\n', then float32 LE values.
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        int headerLength = 128 - 10; // the 60-character dict does not fit before the first 64-byte boundary
        String header = dict + " ".repeat(headerLength - dict.length() - 1) + "\n";
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) headerLength, 0});
        expected.write(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer data = ByteBuffer.allocate(6 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : m.values()) {
            data.putInt(Float.floatToRawIntBits(v));
        }
        expected.write(data.array());

        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
        FeatureMatrix back = Npy.read(file);
        assertThat(back.rows()).isEqualTo(2);
        assertThat(back.cols()).isEqualTo(3);
        for (int i = 0; i < 6; i++) {
            assertThat(Float.floatToRawIntBits(back.values()[i])).isEqualTo(Float.floatToRawIntBits(m.values()[i]));
        }
    }

    @Test
    void truncatedOrForeignNpyIsAnErrorNamingTheFile() throws Exception {
        Path file = dir.resolve("cut.npy");
        Npy.write(file, new FeatureMatrix(4, 4, new float[16]));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        assertThatThrownBy(() -> Npy.read(file)).hasMessageContaining(file.toString()).hasMessageContaining("truncated");
        Path text = dir.resolve("text.npy");
        Files.writeString(text, "hello, not numpy");
        assertThatThrownBy(() -> Npy.read(text)).hasMessageContaining(text.toString()).hasMessageContaining("magic");
    }

    @Test
    void exportWritesOneFeatureRowPerImageAndAMatchingIndex() throws Exception {
        Path root = imageFolder();
        ImageSet set = ImageSet.folder(root);
        FeatureExtractor extractor = new FeatureExtractor(EncoderLoader.random(SPEC, 7), 2);
        FeatureExport.Written w = FeatureExport.export(extractor, set, dir.resolve("out/feats.npy"));

        assertThat(w.rows()).isEqualTo(5);
        assertThat(w.dim()).isEqualTo(SPEC.featureDim());
        FeatureMatrix back = Npy.read(w.npy());
        assertThat(back.rows()).isEqualTo(5);
        assertThat(back.cols()).isEqualTo(SPEC.featureDim());
        // Batching must not change a row: one-at-a-time extraction gives the same numbers.
        FeatureMatrix single = new FeatureExtractor(extractor.encoder(), 1).extract(set);
        for (int i = 0; i < back.values().length; i++) {
            assertThat(back.values()[i]).isCloseTo(single.values()[i], org.assertj.core.api.Assertions.within(1e-4f));
        }
        List<FeatureIndex.Row> index = FeatureIndex.read(w.index());
        assertThat(index).extracting(FeatureIndex.Row::className).containsExactly("bird, small", "bird, small", "cat", "cat", "cat");
        assertThat(index).extracting(FeatureIndex.Row::label).containsExactly(0, 0, 1, 1, 1);
        assertThat(index.get(0).path()).isEqualTo(root.resolve("bird, small/a.png").toString());
        assertThat(w.index().getFileName().toString()).isEqualTo("feats.csv");
    }

    @Test
    void undecodableImageIsAnErrorNamingIt() throws Exception {
        Path root = imageFolder();
        Path broken = root.resolve("cat/broken.jpg");
        Files.writeString(broken, "not a jpeg");
        FeatureExtractor extractor = new FeatureExtractor(EncoderLoader.random(SPEC, 7), 4);
        assertThatThrownBy(() -> FeatureExport.export(extractor, ImageSet.folder(root), dir.resolve("x.npy")))
                .hasMessageContaining(broken.toString());
        assertThat(dir.resolve("x.npy")).doesNotExist();
    }

    @Test
    void checkpointWeightsAreLoadedAndMismatchesNameTheFile() throws Exception {
        HeadSpec head = new HeadSpec(32, 16);
        MocoV2 moco = new MocoV2(SPEC, new MocoV2Settings(16, 0.2, 0.99, head, BnLeakGuard.KEY_EVAL_MODE, 1, 0.9, 1e-4), 3, -1);
        moco.encoder().params().muli(1.5); // weights no random initialisation has
        Path ckpt = dir.resolve("ckpt.zip");
        CheckpointStore.write(ckpt, new CheckpointMeta(CheckpointMeta.FORMAT, moco.identity(), 12, 3, Map.of()), moco.state());

        Encoder loaded = EncoderLoader.checkpoint(ckpt, 0);
        assertThat(loaded.step()).isEqualTo(12);
        Path root = imageFolder();
        FeatureMatrix fromCheckpoint = new FeatureExtractor(loaded, 8).extract(ImageSet.folder(root));
        FeatureMatrix fromTrainer = new FeatureExtractor(new Encoder(moco.encoder(), SPEC, "moco", 12), 8)
                .extract(ImageSet.folder(root));
        for (int i = 0; i < fromCheckpoint.values().length; i++) {
            assertThat(fromCheckpoint.values()[i]).isCloseTo(fromTrainer.values()[i], org.assertj.core.api.Assertions.within(1e-5f));
        }

        assertThatThrownBy(() -> EncoderLoader.checkpoint(ckpt, SPEC.featureDim() * 2))
                .hasMessageContaining(ckpt.toString()).hasMessageContaining(SPEC.featureDim() + "-d");

        Map<String, String> lying = new java.util.LinkedHashMap<>(moco.identity());
        lying.put("width", "0.5");
        Path wrong = dir.resolve("wrong.zip");
        CheckpointStore.write(wrong, new CheckpointMeta(CheckpointMeta.FORMAT, lying, 12, 3, Map.of()), moco.state());
        assertThatThrownBy(() -> EncoderLoader.checkpoint(wrong, 0))
                .hasMessageContaining(wrong.toString()).hasMessageContaining("query.params");
    }

    private Path imageFolder() throws Exception {
        Path root = dir.resolve("images");
        write(root.resolve("bird, small/a.png"), 40, 30, new Scalar(10, 200, 30, 0));
        write(root.resolve("bird, small/b.png"), 20, 20, new Scalar(200, 10, 30, 0));
        write(root.resolve("cat/c.jpg"), 64, 48, new Scalar(90, 90, 250, 0));
        write(root.resolve("cat/d.png"), 16, 16, new Scalar(0, 0, 0, 0));
        write(root.resolve("cat/e.png"), 33, 17, new Scalar(255, 255, 255, 0));
        return root;
    }

    private static void write(Path file, int w, int h, Scalar colour) throws Exception {
        Files.createDirectories(file.getParent());
        Mat m = new Mat(h, w, org.bytedeco.opencv.global.opencv_core.CV_8UC3, colour);
        // A diagonal line so images are not flat fields.
        org.bytedeco.opencv.global.opencv_imgproc.line(m, new org.bytedeco.opencv.opencv_core.Point(0, 0),
                new org.bytedeco.opencv.opencv_core.Point(w - 1, h - 1), new Scalar(128, 64, 32, 0));
        if (!imwrite(file.toString(), m)) {
            throw new IllegalStateException("cannot write " + file);
        }
    }
}
