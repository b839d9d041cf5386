package io.vireo.eval.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vireo.eval.probe.ProbeResult;
import io.vireo.eval.ris.RisResult;
import io.vireo.eval.segmentation.SegmentationResult;
import io.vireo.eval.tasks.VocClassificationResult;

class ReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesJsonHtmlAndOnePngPerChartComparingModelsSideBySide() throws Exception {
        Path log = dir.resolve("metrics.jsonl");
        Files.writeString(log, "{\"step\":1,\"loss\":6.0,\"lr\":0.1}\n{\"step\":2,\"loss\":5.5}\n\n"
                + "{\"step\":2,\"loss\":5.0}\n{\"step\":3,\"loss\":4.5,\"accuracy\":0.5}\n");
        List<CurvePoint> curve = MetricsLog.read(log);
        assertThat(curve).containsExactly(new CurvePoint(1, 6.0), new CurvePoint(2, 5.0), new CurvePoint(3, 4.5));

        ModelResults trained = ModelResults.empty("moco step 3", "/runs/a/checkpoint.zip", 3)
                .withProbe("fashion-mnist/linear", new ProbeResult("linear", 0.875, 0.99, 1000, Map.of("l2", 1e-3)))
                .withProbe("fashion-mnist/knn", new ProbeResult("knn", 0.8, 0.97, 1000, Map.of("k", 20)))
                .withVoc(new VocClassificationResult(Map.of("cat", 0.5), Map.of("cat", 0.52), 0.5, 0.52, 10, 10, Map.of()))
                .withSegmentation(new SegmentationResult("ADE20K", 150, 0.12, 0.45, 5, 5, Map.of("l2", 1e-4)))
                .withRis(new RisResult("viewpoint", 20.5, 15.25, 48, 6, 12, 83.3))
                .withRis(new RisResult("occlusion", 30.0, 25.0, 48, 6, 12, 83.3))
                .withCurve(curve);
        ModelResults random = ModelResults.empty("random init", "random-init seed 42", 0)
                .withProbe("fashion-mnist/linear", new ProbeResult("linear", 0.7, 0.95, 1000, Map.of("l2", 1e-2)))
                .withRis(new RisResult("viewpoint", 10.0, 8.0, 48, 6, 12, 83.3));

        Path out = dir.resolve("report");
        ReportWriter.Written w = ReportWriter.write(out, "Vireo eval <test>", List.of(trained, random));

        assertThat(w.charts()).extracting(p -> p.getFileName().toString())
                .containsExactly("probes.png", "voc.png", "segmentation.png", "ris10.png", "ris25.png", "training.png");
        for (Path png : w.charts()) {
            BufferedImage img = ImageIO.read(png.toFile());
            assertThat(img).as(png.toString()).isNotNull();
            assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
            assertThat(img.getHeight()).isEqualTo(Charts.HEIGHT);
        }
        String html = Files.readString(w.html());
        assertThat(html).contains("Vireo eval &lt;test&gt;", "moco step 3", "random init", "87.5 % / 99.0 %", "70.0 % / 95.0 %",
                "20.50 / 15.25", "12.0 % / 45.0 %", "<img src=\"training.png\"");
        // The random baseline has no occlusion RIS or segmentation: shown as a dash, not a zero.
        assertThat(html).contains("<td>—</td>");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        var json = ResultsFile.mapper().readTree(w.json().toFile());
        assertThat(json.get("models")).hasSize(2);
        assertThat(json.get("models").get(0).get("probes").get("fashion-mnist/linear").get("top1").asDouble()).isEqualTo(0.875);
        assertThat(json.get("models").get(0).get("probes").get("fashion-mnist/linear").get("settings").get("l2").asDouble())
                .isEqualTo(1e-3);
    }

    @Test
    void resultsFilesRoundTripAndRefuseToMixEncoders() throws Exception {
        Path file = dir.resolve("a.json");
        ModelResults r = ModelResults.empty("a", "/ckpt.zip", 7)
                .withProbe("p", new ProbeResult("linear", 0.5, Double.NaN, 3, Map.of("l2", 0.1)))
                .withRis(new RisResult("viewpoint", 1.5, 1.25, 9, 3, 3, 66.7));
        ResultsFile.write(file, r);
        ModelResults back = ResultsFile.read(file);
        assertThat(back.probes().get("p").top1()).isEqualTo(0.5);
        assertThat(back.probes().get("p").top5()).isNaN();
        assertThat(back.ris()).containsExactly(r.ris().get(0));
        assertThat(back.step()).isEqualTo(7);
        assertThat(ResultsFile.readOrCreate(file, "a", "/ckpt.zip", 7).probes()).containsKey("p");
        assertThatThrownBy(() -> ResultsFile.readOrCreate(file, "b", "/other.zip", 1)).hasMessageContaining(file.toString())
                .hasMessageContaining("/ckpt.zip");
        assertThat(ResultsFile.readOrCreate(dir.resolve("new.json"), "n", "x", 0).probes()).isEmpty();
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTempFile() throws Exception {
        Path out = dir.resolve("r");
        ModelResults m = ModelResults.empty("m", "e", 0)
                .withProbe("t", new ProbeResult("knn", 0.25, 0.5, 4, Map.of()));
        ReportWriter.write(out, "first", List.of(m));
        String before = Files.readString(out.resolve("index.html"));
        Files.delete(out.resolve("report.json"));
        Files.createDirectories(out.resolve("report.json/blocker")); // a non-empty directory cannot be replaced
        assertThatThrownBy(() -> ReportWriter.write(out, "second", List.of(m)));
        assertThat(Files.readString(out.resolve("index.html"))).isEqualTo(before);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        assertThat(MetricsLogTestSupport.lineError(dir)).contains("metrics.jsonl:2");
    }

    /** A tiny helper so the metrics-log error case stays next to its assertion. */
    static final class MetricsLogTestSupport {
        static String lineError(Path dir) throws Exception {
            Path log = dir.resolve("bad/metrics.jsonl");
            Files.createDirectories(log.getParent());
            Files.writeString(log, "{\"step\":1,\"loss\":1}\n{\"lr\":0.1}\n");
            try {
                MetricsLog.read(log);
                return "no error";
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
    }

    @Test
    void htmlEscapesNamesAndTitles() {
        assertThat(ReportWriter.esc("<a href=\"x\">&</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    }
}
