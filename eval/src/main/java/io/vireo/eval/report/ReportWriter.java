package io.vireo.eval.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.vireo.eval.io.AtomicFiles;
import io.vireo.eval.probe.ProbeResult;
import io.vireo.eval.ris.RisResult;
import io.vireo.eval.segmentation.SegmentationResult;
import io.vireo.eval.tasks.VocClassificationResult;

/**
 * Writes the comparison report of several encoders into a folder: {@code report.json} (every
 * model's figures and settings), {@code index.html} (tables and charts side by side) and the PNG
 * charts it shows. Every file is written atomically, charts first and the HTML last, so a reader
 * never sees a page pointing at a missing chart.
 */
public final class ReportWriter {

    /** What was written. */
    public record Written(Path json, Path html, List<Path> charts) {
    }

    /** A table of figures that belong to no single model (a study's claims, its pair statistics), shown above the charts. */
    public record Table(String heading, String note, List<String> columns, List<List<String>> rows) {
        public Table {
            columns = List.copyOf(columns);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> row : rows) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException("table '" + heading + "': a row has " + row.size() + " cells for "
                            + columns.size() + " columns");
                }
            }
        }
    }

    private ReportWriter() {
    }

    public static Written write(Path dir, String title, List<ModelResults> models) throws IOException {
        return write(dir, title, models, List.of());
    }

    public static Written write(Path dir, String title, List<ModelResults> models, List<Table> tables) throws IOException {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("report: no results to show");
        }
        Set<String> names = new java.util.HashSet<>();
        for (ModelResults m : models) {
            if (!names.add(m.name())) {
                // Charts and tables are keyed by name: two columns with one name could not be told apart.
                throw new IllegalArgumentException("report: two results are both named '" + m.name()
                        + "'; give each encoder its own --name");
            }
        }
        List<Path> charts = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        tables.forEach(t -> body.append(table(t)));

        Set<String> probeTasks = new LinkedHashSet<>();
        models.forEach(m -> probeTasks.addAll(m.probes().keySet()));
        if (!probeTasks.isEmpty()) {
            List<String> tasks = List.copyOf(probeTasks);
            charts.add(png(dir, "probes.png", Charts.bars("Probe top-1 accuracy", "top-1", tasks, models,
                    (m, t) -> m.probes().containsKey(t) ? m.probes().get(t).top1() : null)));
            body.append(section("Probes (top-1 / top-5)", "probes.png", tasks, models, (m, t) -> {
                ProbeResult r = m.probes().get(t);
                return r == null ? null : pct(r.top1()) + " / " + pct(r.top5());
            }));
        }

        List<String> vocRows = List.of("mAP (VOC07 11-point)", "mAP (all-point)");
        if (models.stream().anyMatch(m -> !m.voc().isEmpty())) {
            charts.add(png(dir, "voc.png", Charts.bars("Pascal VOC classification", "mAP", vocRows, models,
                    (m, row) -> lastVoc(m) == null ? null : row.contains("11") ? lastVoc(m).mapElevenPoint() : lastVoc(m).mapAllPoint())));
            body.append(section("Pascal VOC classification", "voc.png", vocRows, models, (m, row) -> {
                VocClassificationResult v = lastVoc(m);
                return v == null ? null : pct(row.contains("11") ? v.mapElevenPoint() : v.mapAllPoint());
            }));
        }

        Set<String> segSets = new LinkedHashSet<>();
        models.forEach(m -> m.segmentation().forEach(s -> segSets.add(s.dataset())));
        if (!segSets.isEmpty()) {
            List<String> sets = List.copyOf(segSets);
            charts.add(png(dir, "segmentation.png", Charts.bars("Segmentation mIoU", "mIoU", sets, models,
                    (m, d) -> seg(m, d) == null ? null : seg(m, d).meanIou())));
            body.append(section("Segmentation (mIoU / pixel accuracy)", "segmentation.png", sets, models, (m, d) -> {
                SegmentationResult s = seg(m, d);
                return s == null ? null : pct(s.meanIou()) + " / " + pct(s.pixelAccuracy());
            }));
        }

        Set<String> factors = new LinkedHashSet<>();
        models.forEach(m -> m.ris().forEach(r -> factors.add(r.factor())));
        if (!factors.isEmpty()) {
            List<String> fs = List.copyOf(factors);
            charts.add(png(dir, "ris10.png", Charts.bars("RIS@10 per factor", "RIS@10", fs, models,
                    (m, f) -> ris(m, f) == null ? null : ris(m, f).ris10())));
            charts.add(png(dir, "ris25.png", Charts.bars("RIS@25 per factor", "RIS@25", fs, models,
                    (m, f) -> ris(m, f) == null ? null : ris(m, f).ris25())));
            body.append(section("Invariance (RIS@10 / RIS@25)", "ris10.png", fs, models, (m, f) -> {
                RisResult r = ris(m, f);
                return r == null ? null : String.format(Locale.ROOT, "%.2f / %.2f", r.ris10(), r.ris25());
            })).append("<img src=\"ris25.png\" alt=\"RIS@25 per factor\">\n");
        }

        if (models.stream().anyMatch(m -> !m.curve().isEmpty())) {
            charts.add(png(dir, "training.png", Charts.curves(models)));
            body.append("<h2>Training curves</h2>\n<img src=\"training.png\" alt=\"training loss\">\n");
        }

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", title);
        json.put("models", models);
        if (!tables.isEmpty()) {
            json.put("tables", tables);
        }
        Path jsonFile = dir.resolve("report.json");
        AtomicFiles.writeBytes(jsonFile, ResultsFile.mapper().writeValueAsBytes(json));
        Path html = dir.resolve("index.html");
        AtomicFiles.writeString(html, page(title, models, body.toString()));
        return new Written(jsonFile, html, charts);
    }

    private static Path png(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        AtomicFiles.writeBytes(p, bytes);
        return p;
    }

    private static String section(String heading, String chart, List<String> rows, List<ModelResults> models,
                                  java.util.function.BiFunction<ModelResults, String, String> cell) {
        StringBuilder sb = new StringBuilder("<h2>").append(esc(heading)).append("</h2>\n<table>\n<tr><th></th>");
        models.forEach(m -> sb.append("<th>").append(esc(m.name())).append("</th>"));
        sb.append("</tr>\n");
        for (String row : rows) {
            sb.append("<tr><td>").append(esc(row)).append("</td>");
            for (ModelResults m : models) {
                String v = cell.apply(m, row);
                sb.append("<td>").append(v == null ? "—" : esc(v)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n<img src=\"").append(chart).append("\" alt=\"").append(esc(heading)).append("\">\n");
        return sb.toString();
    }

    private static String table(Table t) {
        StringBuilder sb = new StringBuilder("<h2>").append(esc(t.heading())).append("</h2>\n");
        if (t.note() != null && !t.note().isBlank()) {
            sb.append("<p>").append(esc(t.note())).append("</p>\n");
        }
        sb.append("<table>\n<tr>");
        t.columns().forEach(c -> sb.append("<th>").append(esc(c)).append("</th>"));
        sb.append("</tr>\n");
        for (List<String> row : t.rows()) {
            sb.append("<tr>");
            row.forEach(cell -> sb.append("<td>").append(esc(cell)).append("</td>"));
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    private static String page(String title, List<ModelResults> models, String body) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1000px}"
                        + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;"
                        + "text-align:right}td:first-child{text-align:left}img{max-width:100%}</style></head><body>\n<h1>")
                .append(esc(title)).append("</h1>\n<table>\n<tr><th>model</th><th>encoder</th><th>step</th></tr>\n");
        for (ModelResults m : models) {
            sb.append("<tr><td>").append(esc(m.name())).append("</td><td>").append(esc(m.encoder())).append("</td><td>")
                    .append(m.step()).append("</td></tr>\n");
        }
        sb.append("</table>\n<p>Every figure's settings are in <a href=\"report.json\">report.json</a>.</p>\n");
        return sb.append(body).append("</body></html>\n").toString();
    }

    private static VocClassificationResult lastVoc(ModelResults m) {
        return m.voc().isEmpty() ? null : m.voc().get(m.voc().size() - 1);
    }

    private static SegmentationResult seg(ModelResults m, String dataset) {
        return m.segmentation().stream().filter(s -> s.dataset().equals(dataset)).findFirst().orElse(null);
    }

    private static RisResult ris(ModelResults m, String factor) {
        return m.ris().stream().filter(r -> r.factor().equals(factor)).findFirst().orElse(null);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
