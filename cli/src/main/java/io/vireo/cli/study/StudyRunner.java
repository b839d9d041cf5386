package io.vireo.cli.study;

import io.vireo.eval.probe.ProbeResult;
import io.vireo.eval.report.ModelResults;
import io.vireo.eval.report.ReportWriter;
import io.vireo.eval.ris.RisResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs a study: for every seed and dataset, the videos' pairs ({@link VideoPairs}), then every
 * method trained and evaluated on them with the same budget ({@link MethodRun}); then one report
 * with each method's figures averaged over seeds, the claims checked ({@link Claims}), the pair
 * statistics and every seed's figures.
 */
public final class StudyRunner {

    private final StudyConfig config;
    private final Path dir;
    private final String bootstrap;
    private final StudyPrinter out;

    public StudyRunner(StudyConfig config, Path dir, String bootstrap, StudyPrinter out) {
        this.config = config;
        this.dir = dir;
        this.bootstrap = bootstrap;
        this.out = out;
    }

    /** @return the report's index.html */
    public Path run() throws Exception {
        java.nio.file.Files.createDirectories(dir);
        MethodRun.checkSettings(config, dir); // before hours of work start
        VideoPairs.checkSettings(config);
        List<Claims.Run> runs = new ArrayList<>();
        List<VideoPairs.Data> data = new ArrayList<>();
        for (long seed : config.seeds()) {
            for (String dataset : config.datasets()) {
                StudyPrinter here = out.within("seed " + seed + " · " + dataset);
                Path runDir = dir.resolve(dataset).resolve("seed-" + seed);
                VideoPairs.Data pairs = new VideoPairs(bootstrap, here).build(dataset, seed, config, runDir);
                data.add(pairs);
                for (String method : config.methods()) {
                    ModelResults r = MethodRun.trainAndEvaluate(method, pairs, config, runDir.resolve(method), here);
                    runs.add(new Claims.Run(dataset, seed, method, r));
                }
            }
        }
        return writeReport(dir.resolve("report"), config.title(), runs, data, config.datasets());
    }

    /** The report of finished runs: claims, pair statistics, every run, and the figures averaged over seeds. */
    public static Path writeReport(Path reportDir, String title, List<Claims.Run> runs, List<VideoPairs.Data> data,
                                   List<String> datasets) throws java.io.IOException {
        List<ReportWriter.Table> tables = new ArrayList<>();
        tables.add(Claims.table(runs, datasets));
        tables.add(pairStatistics(data));
        tables.add(perSeed(runs));
        return ReportWriter.write(reportDir, title, averaged(runs), tables).html();
    }

    /** One column per (method, dataset): every figure the mean over seeds, with the seeds and spread in its settings. */
    static List<ModelResults> averaged(List<Claims.Run> runs) {
        Map<String, List<Claims.Run>> groups = new LinkedHashMap<>();
        for (Claims.Run r : runs) {
            groups.computeIfAbsent(r.method() + " · " + r.dataset(), k -> new ArrayList<>()).add(r);
        }
        List<ModelResults> models = new ArrayList<>();
        for (Map.Entry<String, List<Claims.Run>> g : groups.entrySet()) {
            List<ModelResults> seeds = g.getValue().stream().map(Claims.Run::results).toList();
            ModelResults first = seeds.get(0);
            ModelResults m = new ModelResults(g.getKey(), seeds.size() + " seed(s)", first.step(), Map.of(), List.of(),
                    List.of(), List.of(), first.curve());
            Set<String> tasks = new LinkedHashSet<>();
            seeds.forEach(s -> tasks.addAll(s.probes().keySet()));
            for (String task : tasks) {
                List<ProbeResult> rs = seeds.stream().map(s -> s.probes().get(task)).filter(java.util.Objects::nonNull).toList();
                List<Double> top1 = rs.stream().map(ProbeResult::top1).toList();
                Map<String, Object> settings = new LinkedHashMap<>(rs.get(0).settings());
                settings.put("seeds", rs.size());
                settings.put("top1Sd", Claims.sd(top1));
                m = m.withProbe(task, new ProbeResult(rs.get(0).probe(), Claims.mean(top1),
                        Claims.mean(rs.stream().map(ProbeResult::top5).toList()), rs.get(0).testSize(), settings));
            }
            Set<String> factors = new LinkedHashSet<>();
            seeds.forEach(s -> s.ris().forEach(r -> factors.add(r.factor())));
            for (String factor : factors) {
                List<RisResult> rs = seeds.stream().flatMap(s -> s.ris().stream()).filter(r -> r.factor().equals(factor)).toList();
                m = m.withRis(new RisResult(factor, Claims.mean(rs.stream().map(RisResult::ris10).toList()),
                        Claims.mean(rs.stream().map(RisResult::ris25).toList()), rs.get(0).images(), rs.get(0).classes(),
                        rs.get(0).sets(), rs.get(0).firingPercent()));
            }
            models.add(m);
        }
        return models;
    }

    static ReportWriter.Table pairStatistics(List<VideoPairs.Data> data) {
        List<List<String>> rows = data.stream().map(d -> List.of(d.dataset(), Long.toString(d.seed()),
                Integer.toString(d.videos()), Long.toString(d.framePairs()), Long.toString(d.regionPairs()))).toList();
        return new ReportWriter.Table("Pairs", "What the pair builder made of each dataset and seed.",
                List.of("dataset", "seed", "videos", "frame-level pairs", "region-tracked pairs"), rows);
    }

    static ReportWriter.Table perSeed(List<Claims.Run> runs) {
        List<String> factors = new ArrayList<>(new LinkedHashSet<>(runs.stream()
                .flatMap(r -> r.results().ris().stream().map(RisResult::factor)).toList()));
        List<String> columns = new ArrayList<>(List.of("dataset", "seed", "method", "linear probe", "kNN"));
        factors.forEach(f -> columns.add("RIS@10 " + f));
        List<List<String>> rows = new ArrayList<>();
        for (Claims.Run r : runs) {
            List<String> row = new ArrayList<>(List.of(r.dataset(), Long.toString(r.seed()), r.method(),
                    pct(r.results().probes(), "/linear"), pct(r.results().probes(), "/knn")));
            for (String f : factors) {
                row.add(r.results().ris().stream().filter(x -> x.factor().equals(f)).findFirst()
                        .map(x -> String.format(Locale.ROOT, "%.2f", x.ris10())).orElse("—"));
            }
            rows.add(row);
        }
        return new ReportWriter.Table("Every run", "Each seed's figures; the charts show their means.", columns, rows);
    }

    private static String pct(Map<String, ProbeResult> probes, String suffix) {
        return probes.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).findFirst()
                .map(e -> String.format(Locale.ROOT, "%.1f %%", 100 * e.getValue().top1())).orElse("—");
    }
}
