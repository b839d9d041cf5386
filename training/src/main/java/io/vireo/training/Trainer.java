package io.vireo.training;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.nd4j.linalg.api.ndarray.INDArray;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vireo.training.augment.Batch;
import io.vireo.training.augment.BatchPipeline;
import io.vireo.training.checkpoint.CheckpointMeta;
import io.vireo.training.checkpoint.CheckpointStore;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.EncoderWeights;
import io.vireo.training.objective.Objective;
import io.vireo.training.objective.StepStats;
import io.vireo.training.optim.LearningRateSchedule;

/**
 * The method-agnostic loop: take a batch, ask the schedule for the LR, let the objective step,
 * report, log, checkpoint.
 */
public final class Trainer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Objective objective;
    private final LearningRateSchedule schedule;
    private final long seed;
    private final Path checkpointFile;
    private final long checkpointEvery;
    private final Path metricsLog;
    private final EncoderSpec encoderSpec;

    /**
     * @param checkpointFile  where checkpoints go (null: none); overwritten atomically each time
     * @param checkpointEvery steps between checkpoints (also written at the end); ≤ 0: only at the end
     * @param metricsLog      JSON-lines file (null: none), appended to
     * @param encoderSpec     the encoder inside the objective's network; each checkpoint also holds its weights
     *                        alone ({@link EncoderWeights}), which is what evaluation loads
     */
    public Trainer(Objective objective, LearningRateSchedule schedule, long seed, Path checkpointFile,
                   long checkpointEvery, Path metricsLog, EncoderSpec encoderSpec) {
        this.objective = objective;
        this.schedule = schedule;
        this.seed = seed;
        this.checkpointFile = checkpointFile;
        this.checkpointEvery = checkpointEvery;
        this.metricsLog = metricsLog;
        this.encoderSpec = encoderSpec;
    }

    /** Runs steps {@code startStep} … {@code endStep-1}; returns each step's loss. */
    public List<Double> run(BatchPipeline pipeline, long startStep, long endStep, ProgressListener listener)
            throws InterruptedException {
        return run(pipeline, startStep, endStep, listener, () -> false);
    }

    /**
     * Runs steps from {@code startStep} until {@code endStep} ({@link Long#MAX_VALUE}: no planned
     * end), the pipeline runs dry, or {@code stop} says so; checkpoints at the end in every case.
     * Returns each step's loss.
     */
    public List<Double> run(BatchPipeline pipeline, long startStep, long endStep, ProgressListener listener,
                            BooleanSupplier stop) throws InterruptedException {
        boolean openEnded = endStep == Long.MAX_VALUE;
        List<Double> losses = new ArrayList<>();
        long windowStart = System.nanoTime();
        long windowImages = 0;
        double ips = 0;
        Batch last = null;
        long completed = startStep;
        try (BufferedWriter log = metricsLog == null ? null : Files.newBufferedWriter(metricsLog,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (long step = startStep; step < endStep && !stop.getAsBoolean(); step++) {
                Batch batch = pipeline.take(stop);
                if (batch == null) {
                    break; // caught up, or asked to stop while waiting for data
                }
                if (batch.index() != step) {
                    throw new IllegalStateException("pipeline out of step: batch " + batch.index() + " at step " + step);
                }
                double lr = schedule.at(step);
                StepStats stats = objective.step(batch, lr, step);
                if (!Double.isFinite(stats.loss())) {
                    throw new IllegalStateException("loss is " + stats.loss() + " at step " + step + " (lr " + lr + ")");
                }
                losses.add(stats.loss());
                last = batch;
                windowImages += batch.size();
                long now = System.nanoTime();
                double secs = (now - windowStart) / 1e9;
                if (secs > 0) {
                    ips = windowImages / secs;
                }
                if (secs > 10) { // a sliding-ish window: restart it so the rate tracks recent speed
                    windowStart = now;
                    windowImages = 0;
                }
                long done = step + 1;
                completed = done;
                Duration eta = ips > 0 && !openEnded
                        ? Duration.ofMillis((long) ((endStep - done) * batch.size() / ips * 1000)) : Duration.ZERO;
                Progress p = new Progress(done, openEnded ? -1 : endStep, stats.loss(), lr, ips, eta, stats.metrics());
                listener.onStep(p);
                if (log != null) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("step", done);
                    line.put("loss", stats.loss());
                    line.put("lr", lr);
                    line.put("imagesPerSecond", ips);
                    line.put("etaSeconds", eta.toSeconds());
                    line.putAll(stats.metrics());
                    log.write(JSON.writeValueAsString(line));
                    log.newLine();
                    log.flush();
                }
                if (checkpointFile != null && checkpointEvery > 0 && done % checkpointEvery == 0 && done < endStep) {
                    checkpoint(done, batch);
                    listener.onCheckpoint(checkpointFile, done);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics log " + metricsLog, e);
        }
        if (checkpointFile != null && last != null) {
            checkpoint(completed, last);
            listener.onCheckpoint(checkpointFile, completed);
        }
        return losses;
    }

    private void checkpoint(long completedSteps, Batch lastBatch) {
        Map<String, INDArray> arrays = new java.util.LinkedHashMap<>(objective.state());
        arrays.put(EncoderWeights.CHECKPOINT_ENTRY, EncoderWeights.extract(objective.encoder(), encoderSpec));
        CheckpointMeta meta = new CheckpointMeta(CheckpointMeta.FORMAT, objective.identity(), completedSteps, seed,
                lastBatch.positionAfter().offsets());
        CheckpointStore.write(checkpointFile, meta, arrays);
    }
}
