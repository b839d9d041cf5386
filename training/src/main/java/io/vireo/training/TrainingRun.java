package io.vireo.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.vireo.training.augment.BatchPipeline;
import io.vireo.training.backend.TrainingBackend;
import io.vireo.training.checkpoint.Checkpoint;
import io.vireo.training.checkpoint.CheckpointStore;
import io.vireo.training.config.ConfigException;
import io.vireo.training.config.TrainConfig;
import io.vireo.training.data.PairStream;
import io.vireo.training.data.UntilCaughtUp;
import io.vireo.training.method.Methods;
import io.vireo.training.method.TrainingMethod;
import io.vireo.training.objective.Objective;
import io.vireo.training.optim.LearningRateSchedule;

/**
 * Entry point for {@code vireo train}: the config's method ({@link Methods}) opens the data and builds the
 * objective and the batches; this resumes from the checkpoint if there is one and runs the trainer.
 */
public final class TrainingRun {
    public static final String CHECKPOINT = "checkpoint.zip";
    public static final String METRICS = "metrics.jsonl";

    private TrainingRun() {
    }

    public static TrainingResult run(TrainConfig config, ProgressListener listener) throws InterruptedException {
        return run(config, listener, RunLength.schedule());
    }

    public static TrainingResult run(TrainConfig config, ProgressListener listener, RunLength length)
            throws InterruptedException {
        TrainingBackend.initialise();
        TrainingBackend.singleBlasThreadForTraining();
        config.validate();
        Path dir = Path.of(config.output().dir());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("output.dir: cannot create " + dir, e);
        }
        Path ckptFile = dir.resolve(CHECKPOINT);
        Path metrics = dir.resolve(METRICS);

        TrainingMethod method = Methods.require(config.method());
        PairStream stream = length.followsSource() ? method.openFollowing(config) : method.open(config);
        if (length.mode() == RunLength.Mode.UNTIL_CAUGHT_UP) {
            stream = new UntilCaughtUp(stream);
        }
        try {
            Objective objective = method.objective(config, stream);
            long start = 0;
            if (config.output().resume() && Files.exists(ckptFile)) {
                Checkpoint ckpt = CheckpointStore.read(ckptFile);
                try {
                    ckpt.requireIdentity(objective.identity(), ckptFile.toString());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(e.getMessage(), e);
                }
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
                return new TrainingResult(start, java.util.List.of(), ckptFile, metrics, objective);
            }
            LearningRateSchedule schedule = length.followsSource()
                    ? LearningRateSchedule.constantAfterWarmup(config.optim().lr(), config.optim().warmupSteps())
                    : config.schedule();
            Trainer trainer = new Trainer(objective, schedule, config.seed(), ckptFile, config.output().checkpointEvery(),
                    metrics, config.encoderSpec());
            try (BatchPipeline pipeline = new BatchPipeline(method.batches(config, stream), start, config.prefetch())) {
                return new TrainingResult(start, trainer.run(pipeline, start, end, listener, length.stopRequested()),
                        ckptFile, metrics, objective);
            }
        } finally {
            stream.close();
        }
    }
}
