package io.vireo.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vireo.training.checkpoint.CheckpointStore;
import io.vireo.training.config.ConfigException;
import io.vireo.training.config.TrainConfig;
import io.vireo.training.data.PairShards;

/** Scheduled ({@link RunLength.Mode#UNTIL_CAUGHT_UP}) and continuous ({@link RunLength.Mode#FOLLOW}) runs on growing pair shards. */
class ContinuousTrainingTest {

    private static final long T0 = 1_790_000_000_000L;

    private static void shard(Path root, String name, int from, int to, int seconds) throws Exception {
        Path file = root.resolve("2026-11-25--10").resolve(name);
        PairShards.write(file, from, to, 24);
        Files.setLastModifiedTime(file, FileTime.fromMillis(T0 + seconds * 1000L));
    }

    private static TrainConfig config(Path out, Path shards) {
        return TrainingRunTest.tiny(out, "data.kind=parquet", "data.path=" + shards, "batchSize=8", "moco.bnGroups=2",
                "moco.queueSize=64");
    }

    /**
     * Three scheduled runs as shards arrive: each trains only on whole batches of pairs it has not
     * seen, leaves a short remainder for the next, and together they equal one run over all the
     * pairs (nothing lost, nothing trained twice).
     */
    @Test
    void untilCaughtUpTrainsOnWhatArrivedSinceTheLastRun(@TempDir Path dir) throws Exception {
        Path shards = dir.resolve("shards");
        shard(shards, "part-0-0.parquet", 0, 20, 0);
        RunLength scheduled = RunLength.untilCaughtUp(() -> false);

        TrainingResult first = TrainingRun.run(config(dir.resolve("runs"), shards), ProgressListener.NONE, scheduled);
        assertThat(first.losses()).as("20 pairs, batch 8").hasSize(2);
        TrainingResult idle = TrainingRun.run(config(dir.resolve("runs"), shards), ProgressListener.NONE, scheduled);
        assertThat(idle.losses()).as("4 pairs left: no whole batch").isEmpty();
        assertThat(idle.firstStep()).isEqualTo(2);

        shard(shards, "part-1-0.parquet", 20, 32, 60);
        TrainingResult second = TrainingRun.run(config(dir.resolve("runs"), shards), ProgressListener.NONE, scheduled);
        assertThat(second.firstStep()).isEqualTo(2);
        assertThat(second.losses()).as("4 left + 12 new").hasSize(2);
        assertThat(CheckpointStore.read(second.checkpoint()).meta().step()).isEqualTo(4);

        TrainingResult straight = TrainingRun.run(config(dir.resolve("straight"), shards), ProgressListener.NONE, scheduled);
        List<Double> pieces = new ArrayList<>(first.losses());
        pieces.addAll(second.losses());
        assertThat(straight.losses()).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(pieces.get(i)).as("loss at step %d", i).isCloseTo(straight.losses().get(i), within(1e-4));
        }
    }

    @Test
    void followTrainsAsShardsArriveAndCheckpointsWhenStopped(@TempDir Path dir) throws Exception {
        Path shards = dir.resolve("shards");
        shard(shards, "part-0-0.parquet", 0, 16, 0);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong steps = new AtomicLong();
        List<Long> totals = new ArrayList<>();
        CompletableFuture<TrainingResult> run = CompletableFuture.supplyAsync(() -> {
            try {
                return TrainingRun.run(config(dir.resolve("out"), shards), p -> {
                    totals.add(p.totalSteps());
                    steps.set(p.step());
                }, RunLength.follow(stop::get));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            awaitSteps(steps, 2, run);
            Thread.sleep(1500); // caught up: the run waits for data rather than ending
            assertThat(run).isNotDone();
            shard(shards, "part-1-0.parquet", 16, 32, 60);
            awaitSteps(steps, 4, run);
        } finally {
            stop.set(true);
        }
        TrainingResult result = run.get(2, TimeUnit.MINUTES);
        assertThat(result.losses()).hasSize(4);
        assertThat(totals).containsOnly(-1L);
        assertThat(CheckpointStore.read(result.checkpoint()).meta().step()).isEqualTo(4);
        // Restarted as a scheduled run: everything there is was trained on.
        assertThat(TrainingRun.run(config(dir.resolve("out"), shards), ProgressListener.NONE,
                RunLength.untilCaughtUp(() -> false)).losses()).isEmpty();
    }

    @Test
    void followingNeedsASourceThatGrows(@TempDir Path dir) {
        assertThatThrownBy(() -> TrainingRun.run(TrainingRunTest.tiny(dir), ProgressListener.NONE,
                RunLength.untilCaughtUp(() -> false)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("data.kind").hasMessageContaining("synthetic");
    }

    private static void awaitSteps(AtomicLong steps, long n, CompletableFuture<?> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (steps.get() < n) {
            if (run.isDone()) {
                run.get(); // surfaces the failure
                throw new AssertionError("run ended after " + steps.get() + " steps, expected " + n);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no step " + n + " within 3 minutes (at " + steps.get() + ")");
            }
            Thread.sleep(100);
        }
    }
}
