package io.vireo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;


import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vireo.eval.features.Npy;
import io.vireo.eval.report.ResultsFile;
import io.vireo.ingest.record.PairRecord;

/** {@code vireo eval}: features → probe → ris → report on a tiny colour-coded image set, in process. */
class EvalCommandTest {

    private static final String[] RANDOM = {"--random-init", "--width", "0.25", "--input-size", "16", "--batch-size", "8"};

    @TempDir
    Path dir;

    /** {@code eval ris --pairs}: RIS over the instances that chains of region pairs in Parquet shards follow. */
    @Test
    void risFromRegionPairShards() throws Exception {
        PairRecord.PairBox a = new PairRecord.PairBox(10, 10, 40, 40);
        PairRecord.PairBox b = new PairRecord.PairBox(100, 60, 30, 50);
        // Instance a followed over three anchors (4 views), b over two (3 views).
        PairShardFiles.write(dir.resolve("shards/bucket/part-0-0.parquet"), List.of(
                region("cam", 0, 5, a, 40), region("cam", 5, 10, a, 50), region("cam", 10, 15, a, 60),
                region("cam", 0, 6, b, 160), region("cam", 6, 12, b, 170)));
        Path results = dir.resolve("tracks.json");

        CliRun ris = CliRun.of(concat(new String[] {"eval", "ris", "--pairs", dir.resolve("shards").toString(),
                "--results", results.toString(), "--name", "random"}, RANDOM));

        assertThat(ris.exitCode()).as(ris.err()).isZero();
        assertThat(ris.out()).contains("tracked-instance").contains("(7 images, 2 sets, 2 classes)");
        assertThat(ResultsFile.read(results).ris()).hasSize(1);

        PairShardFiles.write(dir.resolve("one/part-0-0.parquet"), List.of(region("cam", 0, 5, a, 40), region("cam", 5, 10, a, 50)));
        CliRun tooFew = CliRun.of(concat(new String[] {"eval", "ris", "--pairs", dir.resolve("one").toString()}, RANDOM));
        assertThat(tooFew.exitCode()).isEqualTo(UserErrors.USAGE_OR_INPUT);
        assertThat(tooFew.err()).contains("at least 2 tracked instances");

        CliRun missing = CliRun.of(concat(new String[] {"eval", "ris", "--pairs", dir.resolve("nope").toString()}, RANDOM));
        assertThat(missing.exitCode()).isEqualTo(UserErrors.USAGE_OR_INPUT);
        assertThat(missing.err()).contains("nope");
    }

    private static PairRecord region(String stream, long first, long second, PairRecord.PairBox box, int grey) {
        byte[] view = PairShardFiles.png(grey, 16);
        return new PairRecord(stream + first + "-" + second + "@" + box.x(), stream, PairRecord.Kind.REGION, 0,
                first * 40_000, second * 40_000, first, second, 320, 240, box, box, "csrt", 0.9, "edges", "png", 16,
                view, view);
    }

    @Test
    void featuresProbeRisAndReportRunEndToEnd() throws Exception {
        Path train = images("train", 12);
        Path test = images("test", 6);
        CliRun f1 = CliRun.of(concat(new String[] {"eval", "features", "--images", train.toString(), "--out",
                dir.resolve("f/train.npy").toString()}, RANDOM));
        assertThat(f1.exitCode()).as(f1.err()).isZero();
        assertThat(f1.out()).contains("24×128 features");
        CliRun f2 = CliRun.of(concat(new String[] {"eval", "features", "--images", test.toString(), "--out",
                dir.resolve("f/test.npy").toString()}, RANDOM));
        assertThat(f2.exitCode()).as(f2.err()).isZero();
        assertThat(Npy.read(dir.resolve("f/test.npy")).rows()).isEqualTo(12);

        Path results = dir.resolve("random.json");
        CliRun probe = CliRun.of("eval", "probe", "--train", dir.resolve("f/train.npy").toString(), "--test",
                dir.resolve("f/test.npy").toString(), "--probes", "linear,knn", "--task", "colours", "--results",
                results.toString(), "--name", "random init");
        assertThat(probe.exitCode()).as(probe.err()).isZero();
        assertThat(probe.out()).contains("linear  top-1 100.00 %").contains("knn");

        CliRun badProbe = CliRun.of("eval", "probe", "--train", dir.resolve("f/train.npy").toString(), "--test",
                dir.resolve("nope.npy").toString());
        assertThat(badProbe.exitCode()).isEqualTo(UserErrors.USAGE_OR_INPUT);
        assertThat(badProbe.err()).contains("nope.npy");

        Path risResults = dir.resolve("ris.json");
        CliRun ris = CliRun.of(concat(new String[] {"eval", "ris", "--synth", "occlusion", "--synth-instances", "1",
                "--synth-conditions", "4", "--results", risResults.toString(), "--name", "random (RIS)"}, RANDOM));
        assertThat(ris.exitCode()).as(ris.err()).isZero();
        assertThat(ris.out()).contains("occlusion").contains("RIS@10");
        assertThat(ResultsFile.read(risResults).ris()).hasSize(1);

        CliRun clash = CliRun.of("eval", "report", results.toString(), results.toString(), "--out", dir.resolve("r2").toString());
        assertThat(clash.exitCode()).isEqualTo(UserErrors.USAGE_OR_INPUT);
        assertThat(clash.err()).contains("'random init'");

        CliRun report = CliRun.of("eval", "report", results.toString(), risResults.toString(), "--out",
                dir.resolve("report").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(dir.resolve("report/index.html")).exists();
        assertThat(dir.resolve("report/probes.png")).exists();
        assertThat(dir.resolve("report/ris10.png")).exists();

        CliRun neither = CliRun.of("eval", "features", "--images", train.toString(), "--out", dir.resolve("x.npy").toString());
        assertThat(neither.exitCode()).isEqualTo(UserErrors.USAGE_OR_INPUT);
        assertThat(neither.err()).contains("--checkpoint").contains("--random-init");
    }

    /** Two classes: reddish and bluish images with a little variation. */
    private Path images(String name, int perClass) throws Exception {
        Path root = dir.resolve(name);
        for (String cls : new String[] {"blue", "red"}) {
            Files.createDirectories(root.resolve(cls));
            for (int i = 0; i < perClass; i++) {
                Scalar c = cls.equals("red") ? new Scalar(20 + i * 3, 30, 200 + i * 4, 0) : new Scalar(200 + i * 4, 40, 20 + i * 3, 0);
                Mat m = new Mat(20 + i, 24, opencv_core.CV_8UC3, c);
                imwrite(root.resolve(cls + "/" + i + ".png").toString(), m);
            }
        }
        return root;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
