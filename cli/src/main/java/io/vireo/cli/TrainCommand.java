package io.vireo.cli;

import io.vireo.training.Progress;
import io.vireo.training.ProgressListener;
import io.vireo.training.TrainingResult;
import io.vireo.training.TrainingRun;
import io.vireo.training.config.ConfigException;
import io.vireo.training.config.TrainConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an encoder with a self-supervised method on ND4J.",
                "Methods: moco-v2, relic-v2, video-frame, video-region, video-mixed, pirl, rotation, exemplar,",
                "relative-patch-location, jigsaw, supervised. The video-* methods train on the pair builder's",
                "pairs (--data parquet:DIR or kafka:TOPIC@HOST:PORT); the others on images (synthetic or an image",
                "folder; moco-v2 takes either). Method settings: the config sections moco, relic, patch, jigsaw,",
                "exemplar, pirl, video (see training/README.md, Methods).",
                "Settings, later wins: the defaults (training/.../config/defaults.yaml), --config FILE,",
                "the options below, --set KEY=VALUE. Resumes from OUT/checkpoint.zip when it exists",
                "(--no-resume starts over); writes OUT/metrics.jsonl, one JSON line per step."})
final class TrainCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--method", paramLabel = "NAME", description = "Method (see above; default: the config's, moco-v2).")
    String method;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config (keys as in defaults.yaml).")
    Path config;

    @Option(names = "--data", paramLabel = "SPEC", description = {"What to train on: 'synthetic', an image folder,",
            "a Parquet pair shard directory (detected by its *.parquet files), 'images:DIR' / 'parquet:DIR',",
            "or the pair topic: 'kafka:TOPIC@HOST:PORT' (e.g. kafka:vireo.pairs@127.0.0.1:9092)."})
    String data;

    @Option(names = "--steps", description = "Total steps of the schedule (config key 'steps').")
    Long steps;

    @Option(names = {"--out", "--checkpoint-dir"}, paramLabel = "DIR", description = "Checkpoint and metrics directory (output.dir).")
    Path out;

    @Option(names = "--resume", negatable = true, description = "Continue from DIR/checkpoint.zip if present (default: the config's, true).")
    Boolean resume;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any config key, dotted (e.g. --set moco.queueSize=4096), repeatable.")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        TrainConfig cfg;
        try {
            cfg = TrainConfig.load(config, overrides());
        } catch (ConfigException e) {
            throw new CliException(e.getMessage(), e);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "training %s: %s %s x%s at %d px, batch %d, %d steps, data %s -> %s%n", cfg.method(),
                cfg.model().arch(), cfg.model().version(), cfg.model().width(), cfg.model().inputSize(), cfg.batchSize(),
                cfg.steps(), describe(cfg.data()), cfg.output().dir());
        o.flush();
        TrainingResult r;
        try (Bar bar = new Bar(o)) {
            r = TrainingRun.run(cfg, bar);
        } catch (ConfigException e) {
            throw new CliException(e.getMessage(), e);
        }
        if (r.losses().isEmpty()) {
            o.printf(Locale.ROOT, "nothing to do: the checkpoint %s is already at step %d of %d%n", r.checkpoint(),
                    r.firstStep(), cfg.steps());
            return 0;
        }
        long end = r.firstStep() + r.losses().size();
        o.printf(Locale.ROOT, "%s steps %d-%d, last loss %.4f; checkpoint %s, metrics %s%n",
                r.firstStep() > 0 ? "resumed: trained" : "trained", r.firstStep() + 1, end,
                r.losses().get(r.losses().size() - 1), r.checkpoint(), r.metricsLog());
        return 0;
    }

    /** The options as config overrides, in precedence order (--set last, so it wins). */
    List<String> overrides() {
        List<String> o = new ArrayList<>();
        if (method != null) {
            o.add("method=" + method);
        }
        if (data != null) {
            o.addAll(dataOverrides(data));
        }
        if (steps != null) {
            o.add("steps=" + steps);
        }
        if (out != null) {
            o.add("output.dir=" + out);
        }
        if (resume != null) {
            o.add("output.resume=" + resume);
        }
        o.addAll(sets);
        return o;
    }

    static List<String> dataOverrides(String spec) {
        if (spec.equals("synthetic")) {
            return List.of("data.kind=synthetic");
        }
        if (spec.startsWith("kafka:")) {
            String rest = spec.substring(6);
            int at = rest.indexOf('@');
            if (at <= 0 || at == rest.length() - 1) {
                throw new CliException("--data: '" + spec + "' is not kafka:TOPIC@HOST:PORT");
            }
            return List.of("data.kind=kafka", "data.topic=" + rest.substring(0, at), "data.bootstrap=" + rest.substring(at + 1));
        }
        if (spec.startsWith("images:")) {
            return List.of("data.kind=image-folder", "data.path=" + existingDir(spec.substring(7)));
        }
        if (spec.startsWith("parquet:")) {
            return List.of("data.kind=parquet", "data.path=" + existingDir(spec.substring(8)));
        }
        Path dir = existingDir(spec);
        return List.of("data.kind=" + (hasParquet(dir) ? "parquet" : "image-folder"), "data.path=" + dir);
    }

    private static Path existingDir(String s) {
        Path p = Path.of(s);
        if (!Files.isDirectory(p)) {
            throw new CliException("--data: no such directory " + p
                    + " (expected 'synthetic', an image folder, a Parquet shard directory, images:DIR or parquet:DIR)");
        }
        return p;
    }

    private static boolean hasParquet(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException("--data: cannot list " + dir, e);
        }
    }

    private static String describe(TrainConfig.Data d) {
        return switch (d.kind()) {
            case "synthetic" -> "synthetic (" + d.images() + " images)";
            case "kafka" -> "kafka topic " + d.topic() + " at " + d.bootstrap();
            default -> d.kind() + " " + d.path();
        };
    }

    /** Progress bar over steps; loss, lr, images/s and ETA as its message. */
    private static final class Bar implements ProgressListener, AutoCloseable {
        private final PrintWriter out;
        private ProgressBar bar;

        Bar(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void onStep(Progress p) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(p.totalSteps())
                        .setStyle(ProgressBarStyle.ASCII).continuousUpdate().hideEta().build();
            }
            bar.stepTo(p.step());
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f lr %.2e %.1f img/s ETA %s", p.loss(), p.lr(),
                    p.imagesPerSecond(), eta(p.eta())));
        }

        @Override
        public void onCheckpoint(Path file, long step) {
            // The bar owns the terminal line; the checkpoint note goes to the log-like output.
            out.printf(Locale.ROOT, "checkpoint at step %d: %s%n", step, file);
            out.flush();
        }

        private static String eta(Duration d) {
            long s = d.toSeconds();
            return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                    : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
