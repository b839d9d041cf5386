package io.vireo.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.vireo.training.augment.BatchPipeline;
import io.vireo.training.augment.MocoV2Augment;
import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.checkpoint.Checkpoint;
import io.vireo.training.checkpoint.CheckpointStore;
import io.vireo.training.config.ConfigException;
import io.vireo.training.config.TrainConfig;
import io.vireo.training.data.ImageFolderSource;
import io.vireo.training.data.KafkaPairStream;
import io.vireo.training.data.ParquetPairStream;
import io.vireo.training.data.ParquetShardFollower;
import io.vireo.training.data.PairStream;
import io.vireo.training.data.ShuffledImageStream;
import io.vireo.training.data.SyntheticShapesSource;
import io.vireo.training.data.UntilCaughtUp;
import io.vireo.training.objective.MocoV2;
import io.vireo.training.objective.Objective;
import io.vireo.training.optim.LearningRateSchedule;

/** Entry point for {@code vireo train}: builds source, objective and trainer from a config and runs. */
public final class TrainingRun {
    public static final String CHECKPOINT = "checkpoint.zip";
    public static final String METRICS = "metrics.jsonl";
    /** A broker that was just started may take a few seconds to answer metadata requests. */
    private static final java.time.Duration KAFKA_METADATA_TIMEOUT = java.time.Duration.ofSeconds(30);

    private TrainingRun() {
    }

    public static TrainingResult run(TrainConfig config, ProgressListener listener) throws InterruptedException {
        return run(config, listener, RunLength.schedule());
    }

    public static TrainingResult run(TrainConfig config, ProgressListener listener, RunLength length)
            throws InterruptedException {
        TrainingBackend.initialise();
        config.validate();
        Path dir = Path.of(config.output().dir());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("output.dir: cannot create " + dir, e);
        }
        Path ckptFile = dir.resolve(CHECKPOINT);
        Path metrics = dir.resolve(METRICS);

        PairStream stream = length.followsSource() ? growingStream(config) : stream(config);
        if (length.mode() == RunLength.Mode.UNTIL_CAUGHT_UP) {
            stream = new UntilCaughtUp(stream);
        }
        Objective objective = objective(config, stream.datasetSize());
        long start = 0;
        if (config.output().resume() && Files.exists(ckptFile)) {
            Checkpoint ckpt = CheckpointStore.read(ckptFile);
            ckpt.requireIdentity(objective.identity(), ckptFile.toString());
            if (ckpt.meta().seed() != config.seed()) {
                throw new ConfigException("seed: " + config.seed() + " differs from the checkpoint's " + ckpt.meta().seed()
                        + " (" + ckptFile + "); the data order and augmentations would not continue");
            }
            objective.restore(ckpt.arrays());
            try {
                stream.seek(ckpt.meta().sourcePosition());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage() + " (checkpoint " + ckptFile + ")", e);
            }
            start = ckpt.meta().step();
        }
        long end = length.followsSource() ? Long.MAX_VALUE
                : config.stopAfterSteps() > 0 ? config.stopAfterSteps() : config.steps();
        if (start >= end) {
            stream.close();
            return new TrainingResult(start, java.util.List.of(), ckptFile, metrics, objective);
        }
        LearningRateSchedule schedule = length.followsSource()
                ? LearningRateSchedule.constantAfterWarmup(config.optim().lr(), config.optim().warmupSteps())
                : config.schedule();
        Trainer trainer = new Trainer(objective, schedule, config.seed(), ckptFile, config.output().checkpointEvery(), metrics);
        MocoV2Augment augment = MocoV2Augment.mocoV2(config.model().inputSize());
        try (BatchPipeline pipeline = new BatchPipeline(stream, augment, config.batchSize(), config.seed(), start,
                config.prefetch())) {
            return new TrainingResult(start, trainer.run(pipeline, start, end, listener, length.stopRequested()), ckptFile,
                    metrics, objective);
        } finally {
            stream.close();
        }
    }

    static PairStream stream(TrainConfig c) {
        try {
            return switch (c.data().kind()) {
                case "synthetic" -> new ShuffledImageStream(new SyntheticShapesSource(c.data().images(), c.data().classes(),
                        c.data().imageSize(), c.data().colours(), c.seed()), c.seed());
                case "image-folder" -> new ShuffledImageStream(new ImageFolderSource(Path.of(c.data().path())), c.seed());
                case "parquet" -> new ParquetPairStream(Path.of(c.data().path()), c.seed());
                case "kafka" -> new KafkaPairStream(c.data().bootstrap(), c.data().topic(), KAFKA_METADATA_TIMEOUT);
                default -> throw new ConfigException("data.kind: unknown '" + c.data().kind() + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e); // sources name the data.* key they reject
        }
    }

    /** The pair sources read once, in arrival order: what continuous and scheduled runs train on. */
    static PairStream growingStream(TrainConfig c) {
        try {
            return switch (c.data().kind()) {
                case "parquet" -> new ParquetShardFollower(Path.of(c.data().path()), c.seed());
                case "kafka" -> new KafkaPairStream(c.data().bootstrap(), c.data().topic(), KAFKA_METADATA_TIMEOUT);
                default -> throw new ConfigException("data.kind: following a source (--follow, --until-caught-up) needs one "
                        + "that grows, kafka or parquet, not '" + c.data().kind() + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    static Objective objective(TrainConfig c, long datasetSize) {
        if (MocoV2.METHOD.equals(c.method())) {
            try {
                return new MocoV2(c.encoderSpec(), c.mocoSettings(), c.seed(), datasetSize);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage(), e);
            }
        }
        throw new ConfigException("method: unknown '" + c.method() + "'");
    }
}
