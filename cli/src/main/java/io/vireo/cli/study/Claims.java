package io.vireo.cli.study;

import io.vireo.eval.report.ModelResults;
import io.vireo.eval.report.ReportWriter;
import io.vireo.eval.ris.RisResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Demystifying-contrastive-SSL paper's claims about video, checked on a study's runs: for each
 * dataset, the per-seed difference in RIS@10 between two methods on one factor. A claim holds when
 * every seed agrees that the first method is more invariant, does not hold when every seed says it
 * is not, and is mixed otherwise; the numbers are shown either way.
 */
public final class Claims {

    /** "{@code better} is more invariant to {@code factor} than {@code worse}". */
    record Claim(String statement, String better, String worse, String factor) {
    }

    static final List<Claim> VIDEO_CLAIMS = List.of(
            new Claim("region tracking raises viewpoint invariance over frame-level pairs", "video-region", "video-frame",
                    "viewpoint"),
            new Claim("region tracking raises viewpoint invariance over MoCo v2 (image pairs)", "video-region", "moco-v2",
                    "viewpoint"));

    /** One method's results in one dataset and seed. */
    public record Run(String dataset, long seed, String method, ModelResults results) {
    }

    private Claims() {
    }

    static ReportWriter.Table table(List<Run> runs, List<String> datasets) {
        List<List<String>> rows = new ArrayList<>();
        for (String dataset : datasets) {
            for (Claim claim : VIDEO_CLAIMS) {
                List<Long> seeds = runs.stream().filter(r -> r.dataset().equals(dataset)).map(Run::seed).distinct().sorted()
                        .toList();
                List<Double> diffs = new ArrayList<>();
                for (long seed : seeds) {
                    Optional<Double> better = ris10(runs, dataset, seed, claim.better(), claim.factor());
                    Optional<Double> worse = ris10(runs, dataset, seed, claim.worse(), claim.factor());
                    if (better.isPresent() && worse.isPresent()) {
                        diffs.add(better.get() - worse.get());
                    }
                }
                if (diffs.isEmpty()) {
                    continue; // the study did not train both methods
                }
                rows.add(List.of(claim.statement(), dataset, Integer.toString(diffs.size()),
                        diffs.stream().map(d -> fmt(d)).collect(Collectors.joining(", ")),
                        fmt(mean(diffs)) + " ± " + String.format(Locale.ROOT, "%.2f", sd(diffs)), verdict(diffs)));
            }
        }
        return new ReportWriter.Table("Claims", "RIS@10 of the first method minus the second's, on the factor named, "
                + "per seed. 'holds': every seed agrees; 'does not hold': no seed does; 'mixed': seeds disagree. "
                + "With one seed there is no spread to judge the difference against.",
                List.of("claim", "dataset", "seeds", "difference per seed", "mean ± sd", "verdict"), rows);
    }

    static String verdict(List<Double> diffs) {
        long up = diffs.stream().filter(d -> d > 0).count();
        String v = up == diffs.size() ? "holds" : up == 0 ? "does not hold" : "mixed";
        return diffs.size() == 1 ? v + " (one seed)" : v;
    }

    private static Optional<Double> ris10(List<Run> runs, String dataset, long seed, String method, String factor) {
        return runs.stream().filter(r -> r.dataset().equals(dataset) && r.seed() == seed && r.method().equals(method))
                .flatMap(r -> r.results().ris().stream()).filter(r -> r.factor().equals(factor)).map(RisResult::ris10)
                .findFirst();
    }

    static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double sd(List<Double> xs) {
        if (xs.size() < 2) {
            return 0;
        }
        double m = mean(xs);
        return Math.sqrt(xs.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (xs.size() - 1));
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%+.2f", d);
    }
}
