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
import io.vireo.training.data.ImageSource;
import io.vireo.training.data.PairStream;
import io.vireo.training.data.ShuffledImageStream;
import io.vireo.training.data.SyntheticShapesSource;
import io.vireo.training.objective.MocoV2;
import io.vireo.training.objective.Objective;

/** Entry point for {@code vireo train}: builds source, objective and trainer from a config and runs. */
public final class TrainingRun {
    public static final String CHECKPOINT = "checkpoint.zip";
    public static final String METRICS = "metrics.jsonl";

    private TrainingRun() {
    }

    public static TrainingResult run(TrainConfig config, ProgressListener listener) throws InterruptedException {
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

        ImageSource images = source(config);
        PairStream stream = new ShuffledImageStream(images, config.seed());
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
            stream.seek(ckpt.meta().sourcePosition());
            start = ckpt.meta().step();
        }
        long end = config.stopAfterSteps() > 0 ? config.stopAfterSteps() : config.steps();
        if (start >= end) {
            stream.close();
            return new TrainingResult(start, java.util.List.of(), ckptFile, metrics, objective);
        }
        Trainer trainer = new Trainer(objective, config.schedule(), config.seed(), ckptFile,
                config.output().checkpointEvery(), metrics);
        MocoV2Augment augment = MocoV2Augment.mocoV2(config.model().inputSize());
        try (BatchPipeline pipeline = new BatchPipeline(stream, augment, config.batchSize(), config.seed(), start,
                config.prefetch())) {
            return new TrainingResult(start, trainer.run(pipeline, start, end, listener), ckptFile, metrics, objective);
        } finally {
            stream.close();
        }
    }

    static ImageSource source(TrainConfig c) {
        return switch (c.data().kind()) {
            case "synthetic" -> new SyntheticShapesSource(c.data().images(), c.data().classes(), c.data().imageSize(),
                    c.data().colours(), c.seed());
            case "image-folder" -> new ImageFolderSource(Path.of(c.data().path()));
            default -> throw new ConfigException("data.kind: unknown '" + c.data().kind() + "'");
        };
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
