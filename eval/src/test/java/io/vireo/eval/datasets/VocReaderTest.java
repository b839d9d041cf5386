package io.vireo.eval.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vireo.eval.datasets.masks.LabelMap;
import io.vireo.eval.datasets.voc.VocAnnotation;
import io.vireo.eval.datasets.voc.VocClasses;
import io.vireo.eval.datasets.voc.VocDataset;
import io.vireo.eval.datasets.voc.VocObject;
import io.vireo.eval.tasks.VocCroppedBoxes;

class VocReaderTest {

    static final Path REAL = Path.of(System.getProperty("user.home"), ".cache/vireo/real-data/voc-examples");

    @TempDir
    Path dir;

    @Test
    void genuineVoc2011ExamplesParseAndTheirMasksMatchTheIndependentNpyLabels() throws Exception {
        assumeTrue(Files.isDirectory(REAL), "real data missing: run scripts/fetch-real-data.sh");
        Path voc = genuineDevkit();
        VocDataset ds = VocDataset.open(voc.resolve("VOCdevkit"), "2012");
        assertThat(ds.mainIds("train")).containsExactly("2011_000003", "2011_000006", "2011_000025");

        VocAnnotation a = ds.annotation("2011_000003");
        assertThat(a.width()).isEqualTo(500);
        assertThat(a.height()).isEqualTo(338);
        assertThat(a.objects()).hasSize(2).allSatisfy(o -> {
            assertThat(o.name()).isEqualTo("person");
            assertThat(o.difficult()).isFalse(); // labelme writes <difficult/>: empty is not difficult
            assertThat(o.truncated()).isFalse();
        });
        VocObject first = a.objects().get(0);
        assertThat(first.xmin()).isEqualTo(191.0);
        assertThat(first.ymax()).isCloseTo(329.36900369003695, within(1e-12));
        int[] gt = VocDataset.imageLabels(a);
        assertThat(gt[VocClasses.index("person")]).isEqualTo(1);
        assertThat(gt[VocClasses.index("bus")]).isEqualTo(-1);
        assertThat(VocDataset.imageLabels(ds.annotation("2011_000025"))[VocClasses.index("bus")]).isEqualTo(1);

        // labelme saved each mask twice: the palette PNG and an int32 .npy (-1 = unlabelled).
        for (String id : ds.segmentationIds("val")) {
            LabelMap mask = ds.mask(id);
            int[] npy = npyInt32(REAL.resolve("semantic_segmentation/data_dataset_voc/SegmentationClass/" + id + ".npy"));
            assertThat(mask.labels()).hasSameSizeAs(npy);
            int objectPixels = 0;
            for (int i = 0; i < npy.length; i++) {
                int expected = npy[i] < 0 ? LabelMap.IGNORE : npy[i];
                assertThat(mask.labels()[i]).as("%s pixel %d", id, i).isEqualTo(expected);
                objectPixels += npy[i] > 0 ? 1 : 0;
            }
            assertThat(objectPixels).as("%s has object pixels", id).isPositive();
        }

        List<VocCroppedBoxes.Crop> crops = VocCroppedBoxes.crops(ds, "train");
        assertThat(crops).hasSize(ds.mainIds("train").stream().mapToInt(id -> ds.annotation(id).objects().size()).sum());
        VocCroppedBoxes.Crop c = crops.get(0);
        assertThat(c.x()).isEqualTo(190); // xmin 191 (1-based) is column 190
        assertThat(c.x() + c.width()).isEqualTo(313);
    }

    @Test
    void devkitRulesForDifficultAndTruncatedAndBoxPixels() throws Exception {
        Path root = dir.resolve("VOCdevkit/VOC2007");
        Fixtures.jpeg(root.resolve("JPEGImages/000001.jpg"), 60, 40, new Scalar(0, 0, 0, 0), null, null);
        Fixtures.vocXml(root.resolve("Annotations/000001.xml"), "000001", 60, 40, List.of(
                new Fixtures.Obj("dog", 1, 1, 20, 10, false, true),
                new Fixtures.Obj("cat", 5, 5, 30, 30, true, false),
                new Fixtures.Obj("cat", 31, 5, 60, 40, true, false)));
        Fixtures.lines(root.resolve("ImageSets/Main/val.txt"), List.of("000001"));
        VocDataset ds = VocDataset.open(dir.resolve("VOCdevkit"), "2007");

        int[] gt = VocDataset.imageLabels(ds.annotation("000001"));
        assertThat(gt[VocClasses.index("dog")]).isEqualTo(1);   // truncated still counts
        assertThat(gt[VocClasses.index("cat")]).isEqualTo(0);   // only difficult cats: left out of cat's AP
        assertThat(gt[VocClasses.index("bird")]).isEqualTo(-1);

        List<VocCroppedBoxes.Crop> crops = VocCroppedBoxes.crops(ds, "val");
        assertThat(crops).singleElement().satisfies(c -> {
            assertThat(c.object().name()).isEqualTo("dog");
            assertThat(new int[] {c.x(), c.y(), c.width(), c.height()}).containsExactly(0, 0, 20, 10);
        });
    }

    @Test
    void badInputIsAnErrorNamingTheFileOrFolder() throws Exception {
        Path root = dir.resolve("VOCdevkit/VOC2012");
        Fixtures.jpeg(root.resolve("JPEGImages/a.jpg"), 8, 8, new Scalar(0, 0, 0, 0), null, null);
        Fixtures.lines(root.resolve("ImageSets/Segmentation/val.txt"), List.of("a"));
        VocDataset ds = VocDataset.open(dir.resolve("VOCdevkit"), "2012");
        assertThatThrownBy(() -> ds.segmentationIds("val")).hasMessageContaining(root.resolve("SegmentationClass").toString())
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> ds.mainIds("val")).hasMessageContaining(root.resolve("Annotations").toString());
        assertThatThrownBy(() -> VocDataset.open(dir.resolve("VOCdevkit"), "2010")).hasMessageContaining("VOC2010");

        int[] mask = new int[64];
        mask[10] = 255; // border: ignored
        mask[20] = 15;
        Fixtures.palettePng(root.resolve("SegmentationClass/a.png"), 8, 8, mask);
        LabelMap m = ds.mask("a");
        assertThat(m.labels()[10]).isEqualTo(LabelMap.IGNORE);
        assertThat(m.labels()[20]).isEqualTo(15);
        mask[33] = 30; // no VOC class 30
        Fixtures.palettePng(root.resolve("SegmentationClass/a.png"), 8, 8, mask);
        assertThatThrownBy(() -> ds.mask("a")).hasMessageContaining(root.resolve("SegmentationClass/a.png").toString())
                .hasMessageContaining("value 30").hasMessageContaining("(1, 4)");

        Path xml = root.resolve("Annotations/b.xml");
        Files.createDirectories(xml.getParent());
        Files.writeString(xml, "<annotation><object><name>unicorn</name><bndbox><xmin>1</xmin><ymin>1</ymin>"
                + "<xmax>2</xmax><ymax>2</ymax></bndbox></object></annotation>");
        assertThatThrownBy(() -> ds.annotation("b")).hasMessageContaining(xml.toString()).hasMessageContaining("unicorn");
        Files.writeString(xml, "<annotation><object>");
        assertThatThrownBy(() -> ds.annotation("b")).hasMessageContaining(xml.toString());
    }

    /** VOCdevkit/VOC2012 from the genuine files; only the ImageSets lists are written here. */
    private Path genuineDevkit() throws Exception {
        Path root = dir.resolve("genuine/VOCdevkit/VOC2012");
        Path bbox = REAL.resolve("bbox_detection/data_dataset_voc");
        Path seg = REAL.resolve("semantic_segmentation/data_dataset_voc");
        List<String> ids = List.of("2011_000003", "2011_000006", "2011_000025");
        for (String id : ids) {
            copy(bbox.resolve("JPEGImages/" + id + ".jpg"), root.resolve("JPEGImages/" + id + ".jpg"));
            copy(bbox.resolve("Annotations/" + id + ".xml"), root.resolve("Annotations/" + id + ".xml"));
            copy(seg.resolve("SegmentationClassPNG/" + id + ".png"), root.resolve("SegmentationClass/" + id + ".png"));
        }
        Fixtures.lines(root.resolve("ImageSets/Main/train.txt"), ids);
        Fixtures.lines(root.resolve("ImageSets/Segmentation/val.txt"), ids);
        return dir.resolve("genuine");
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    private static int[] npyInt32(Path file) throws Exception {
        byte[] b = Files.readAllBytes(file);
        int headerLength = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        String header = new String(b, 10, headerLength, java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(header).contains("'<i4'");
        ByteBuffer data = ByteBuffer.wrap(b, 10 + headerLength, b.length - 10 - headerLength).order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[data.remaining() / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = data.getInt();
        }
        return out;
    }
}
