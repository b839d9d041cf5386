package io.vireo.cli;

import io.vireo.training.Progress;
import io.vireo.training.ProgressListener;
import io.vireo.training.RunLength;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
                "(--no-resume starts over); writes OUT/metrics.jsonl, one JSON line per step.",
                "On a pair source (kafka:… or Parquet shards), --follow trains on as pairs arrive until stopped",
                "(Ctrl-C or SIGTERM: it checkpoints first), and --until-caught-up trains on what arrived since the",
                "checkpoint and exits (scheduled runs: --resume latest --until-caught-up). Both read the source once,",
                "in arrival order, at the configured LR after warmup (no cosine: there is no end to decay to)."})
final class TrainCommand implements Callable<Integer> {

    private static final String LATEST = "latest";
    /** How long a stop signal waits for the step in flight and the checkpoint. */
    private static final Duration STOP_GRACE = Duration.ofMinutes(5);

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

    @Option(names = "--resume", arity = "0..1", fallbackValue = LATEST, paramLabel = LATEST,
            description = "Continue from the latest checkpoint, DIR/checkpoint.zip, if there is one (the config's default).")
    String resume;

    @Option(names = "--no-resume", description = "Start over even if DIR/checkpoint.zip exists.")
    boolean noResume;

    @Option(names = "--follow", description = "Keep training as pairs arrive, until stopped; checkpoints on the way "
            + "(output.checkpointEvery) and when stopped.")
    boolean follow;

    @Option(names = "--until-caught-up", description = "Train on the pairs that arrived since the checkpoint, then exit.")
    boolean untilCaughtUp;

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
        if (follow && untilCaughtUp) {
            throw new CliException("--follow and --until-caught-up: choose one (follow trains until stopped)");
        }
        PrintWriter o = spec.commandLine().getOut();
        String length = follow ? "following the source" : untilCaughtUp ? "until caught up" : cfg.steps() + " steps";
        o.printf(Locale.ROOT, "training %s: %s %s x%s at %d px, batch %d, %s, data %s -> %s%n", cfg.method(),
                cfg.model().arch(), cfg.model().version(), cfg.model().width(), cfg.model().inputSize(), cfg.batchSize(),
                length, describe(cfg.data()), cfg.output().dir());
        o.flush();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C / SIGTERM: let the step in flight finish, the checkpoint be written and the summary
        // printed before the JVM goes.
        Thread onSignal = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vireo-train-stop");
        RunLength runLength = follow ? RunLength.follow(stop::get)
                : untilCaughtUp ? RunLength.untilCaughtUp(stop::get) : RunLength.schedule();
        if (runLength.followsSource()) {
            Runtime.getRuntime().addShutdownHook(onSignal);
        }
        try {
            TrainingResult r;
            try (Bar bar = new Bar(o)) {
                r = TrainingRun.run(cfg, bar, runLength);
            } catch (ConfigException e) {
                throw new CliException(e.getMessage(), e);
            }
            summarise(o, cfg, runLength, r);
            return 0;
        } finally {
            finished.countDown();
            if (runLength.followsSource()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(onSignal);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running: it returns now that the latch is down.
                }
            }
        }
    }

    private void summarise(PrintWriter o, TrainConfig cfg, RunLength runLength, TrainingResult r) {
        if (r.losses().isEmpty()) {
            o.printf(Locale.ROOT, runLength.followsSource() ? "nothing new to train on: the checkpoint %s at step %d has "
                    + "consumed every pair there is%n" : "nothing to do: the checkpoint %s is already at step %d of "
                    + cfg.steps() + "%n", r.checkpoint(), r.firstStep());
            return;
        }
        long end = r.firstStep() + r.losses().size();
        o.printf(Locale.ROOT, "%s steps %d-%d%s, last loss %.4f; checkpoint %s, metrics %s%n",
                r.firstStep() > 0 ? "resumed: trained" : "trained", r.firstStep() + 1, end,
                untilCaughtUp ? " (caught up)" : follow ? " (stopped)" : "",
                r.losses().get(r.losses().size() - 1), r.checkpoint(), r.metricsLog());
        o.flush();
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
        if (resume != null && noResume) {
            throw new CliException("--resume and --no-resume: choose one");
        }
        if (resume != null) {
            if (!resume.equals(LATEST)) {
                throw new CliException("--resume: '" + resume + "' is not supported; the checkpoint to continue from is "
                        + "the latest one in the output directory (--resume latest, or just --resume)");
            }
            o.add("output.resume=true");
        }
        if (noResume) {
            o.add("output.resume=false");
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
