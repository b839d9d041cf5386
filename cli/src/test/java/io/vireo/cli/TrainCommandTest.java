package io.vireo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vireo train} on a tiny synthetic set: runs, resumes, and turns bad settings into exit 2 naming the key. */
class TrainCommandTest {

    @TempDir
    Path dir;

    /** A ResNet-18 x0.25 at 32 px on 64 synthetic images: a few seconds per step on 2 cores. */
    private CliRun train(String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--method", "moco-v2", "--data", "synthetic",
                "--out", dir.resolve("run").toString(),
                "--set", "data.images=64", "--set", "data.imageSize=32", "--set", "model.width=0.25",
                "--set", "model.inputSize=32", "--set", "batchSize=8", "--set", "moco.bnGroups=2",
                "--set", "moco.queueSize=32", "--set", "moco.headHidden=32", "--set", "moco.headOut=16",
                "--set", "output.checkpointEvery=0"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void trainsWritesMetricsAndCheckpointThenResumes() throws Exception {
        assertThat(CliRun.of("--help").out()).contains("train");
        assertThat(CliRun.of("train", "--help").out()).contains("Usage: vireo train")
                .contains("--resume").contains("--no-resume").contains("--follow").contains("--until-caught-up");

        CliRun first = train("--steps", "5", "--set", "stopAfterSteps=2");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("trained steps 1-2").contains("checkpoint.zip");
        Path metrics = dir.resolve("run").resolve("metrics.jsonl");
        assertThat(Files.readAllLines(metrics)).hasSize(2);

        CliRun rest = train("--steps", "5");
        assertThat(rest.exitCode()).as(rest.err()).isZero();
        assertThat(rest.out()).contains("resumed: trained steps 3-5");
        List<String> lines = Files.readAllLines(metrics);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(4)).contains("\"step\":5").contains("\"loss\"").contains("\"lr\"")
                .contains("\"imagesPerSecond\"").contains("\"etaSeconds\"");

        CliRun done = train("--steps", "5");
        assertThat(done.exitCode()).isZero();
        assertThat(done.out()).contains("already at step 5 of 5");

        // The same directory with another architecture: refused, naming the key and the checkpoint.
        CliRun other = train("--steps", "6", "--set", "model.width=0.5");
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("'width'").contains("checkpoint.zip");
    }

    /**
     * Continuous training as an operator runs it: {@code vireo train --follow} in its own JVM,
     * stopped with SIGTERM once it has trained on every pair, checkpoints on the way out; scheduled
     * runs ({@code --resume latest --until-caught-up}) then train only on shards that arrived since.
     */
    @Test
    void followStopsOnSigtermWithACheckpointAndScheduledRunsTrainOnlyOnWhatIsNew() throws Exception {
        Path shards = dir.resolve("shards");
        PairShardFiles.write(shards.resolve("b0/part-0-0.parquet"), PairShardFiles.framePairs(0, 40));
        Path out = dir.resolve("run");
        List<String> args = new ArrayList<>(List.of("train", "--method", "moco-v2", "--data", "parquet:" + shards,
                "--out", out.toString(), "--set", "model.width=0.25", "--set", "model.inputSize=32",
                "--set", "batchSize=8", "--set", "moco.bnGroups=2", "--set", "moco.queueSize=32",
                "--set", "moco.headHidden=32", "--set", "moco.headOut=16", "--set", "output.checkpointEvery=2"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        command.add("--follow");
        Path log = dir.resolve("follow.log");
        Process follow = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path metrics = out.resolve("metrics.jsonl");
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(4);
            while (!(Files.exists(metrics) && Files.readAllLines(metrics).size() >= 5)) {
                assertThat(follow.isAlive()).as("follow run ended early:%n%s", Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("5 steps within 4 minutes:%n%s", Files.readString(log)).isLessThan(deadline);
                Thread.sleep(200);
            }
            follow.destroy(); // SIGTERM
            assertThat(follow.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        } finally {
            follow.destroyForcibly();
        }
        assertThat(Files.readString(log)).contains("following the source").contains("trained steps 1-5 (stopped)");

        CliRun idle = CliRun.of(withScheduled(args));
        assertThat(idle.exitCode()).as(idle.err()).isZero();
        assertThat(idle.out()).contains("nothing new to train on").contains("step 5");

        PairShardFiles.write(shards.resolve("b1/part-0-0.parquet"), PairShardFiles.framePairs(40, 60));
        CliRun next = CliRun.of(withScheduled(args));
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(next.out()).contains("resumed: trained steps 6-7 (caught up)");
    }

    private static String[] withScheduled(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--resume", "latest", "--until-caught-up"));
        return all.toArray(String[]::new);
    }

    @Test
    void badSettingsExitTwoNamingTheKeyOrFile() throws Exception {
        CliRun method = CliRun.of("train", "--method", "simclr", "--data", "synthetic", "--out", dir.toString());
        assertThat(method.exitCode()).isEqualTo(2);
        assertThat(method.err()).contains("method").contains("simclr");

        CliRun size = CliRun.of("train", "--data", "synthetic", "--out", dir.toString(), "--set", "model.inputSize=48");
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.err()).contains("model.inputSize");

        CliRun queue = CliRun.of("train", "--data", "synthetic", "--out", dir.toString(), "--set", "data.images=100");
        assertThat(queue.exitCode()).isEqualTo(2);
        assertThat(queue.err()).contains("moco.queueSize");

        Path missing = dir.resolve("no-such-images");
        CliRun data = CliRun.of("train", "--data", missing.toString(), "--out", dir.toString());
        assertThat(data.exitCode()).isEqualTo(2);
        assertThat(data.err()).contains("--data").contains(missing.toString());

        CliRun kafka = CliRun.of("train", "--data", "kafka:vireo.pairs", "--out", dir.toString());
        assertThat(kafka.exitCode()).isEqualTo(2);
        assertThat(kafka.err()).contains("kafka:TOPIC@HOST:PORT");

        Path noConfig = dir.resolve("absent.yaml");
        CliRun config = CliRun.of("train", "--config", noConfig.toString());
        assertThat(config.exitCode()).isEqualTo(2);
        assertThat(config.err()).contains(noConfig.toString());

        Path yaml = Files.writeString(dir.resolve("bad.yaml"), "moco:\n  queueSise: 10\n");
        CliRun unknown = CliRun.of("train", "--config", yaml.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("moco.queueSise").contains(yaml.toString());

        CliRun follow = CliRun.of("train", "--data", "synthetic", "--out", dir.toString(), "--follow");
        assertThat(follow.exitCode()).isEqualTo(2);
        assertThat(follow.err()).contains("data.kind").contains("synthetic");

        CliRun resume = CliRun.of("train", "--data", "synthetic", "--out", dir.toString(), "--resume", "yesterday");
        assertThat(resume.exitCode()).isEqualTo(2);
        assertThat(resume.err()).contains("--resume").contains("yesterday");

        CliRun both = CliRun.of("train", "--data", "synthetic", "--out", dir.toString(), "--follow", "--until-caught-up");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--follow").contains("--until-caught-up");

        CliRun override = CliRun.of("train", "--data", "synthetic", "--set", "optim.lr=fast");
        assertThat(override.exitCode()).isEqualTo(2);
        assertThat(override.err()).contains("optim.lr");
    }

    /** Another method, and a video method on the pair builder's Parquet shards: both run and write checkpoint + metrics. */
    @Test
    void relicV2AndVideoRegionRunFromTheCommandLine() throws Exception {
        assertThat(CliRun.of("train", "--help").out()).contains("relic-v2").contains("video-region").contains("supervised");

        CliRun relic = CliRun.of("train", "--method", "relic-v2", "--data", "synthetic", "--steps", "2",
                "--out", dir.resolve("relic").toString(), "--set", "data.images=32", "--set", "data.imageSize=32",
                "--set", "model.width=0.25", "--set", "model.inputSize=32", "--set", "batchSize=4",
                "--set", "relic.smallCrops=2", "--set", "relic.headHidden=32", "--set", "relic.headOut=16");
        assertThat(relic.exitCode()).as(relic.err()).isZero();
        assertThat(relic.out()).contains("training relic-v2").contains("trained steps 1-2");
        assertWroteCheckpointAndMetrics(dir.resolve("relic"), "relic-v2", 2);

        Path shards = dir.resolve("pairs");
        PairShardFiles.write(shards.resolve("2026-11-25--07").resolve("pairs-0.parquet"), PairShardFiles.mixedPairs(0, 40));
        CliRun video = CliRun.of("train", "--method", "video-region", "--data", "parquet:" + shards, "--steps", "2",
                "--out", dir.resolve("video").toString(), "--set", "model.width=0.25", "--set", "model.inputSize=32",
                "--set", "batchSize=4", "--set", "moco.bnGroups=2", "--set", "moco.queueSize=8",
                "--set", "moco.headHidden=32", "--set", "moco.headOut=16");
        assertThat(video.exitCode()).as(video.err()).isZero();
        assertThat(video.out()).contains("training video-region").contains("trained steps 1-2");
        assertWroteCheckpointAndMetrics(dir.resolve("video"), "video-region", 2);
    }

    private static void assertWroteCheckpointAndMetrics(Path out, String method, int steps) throws Exception {
        assertThat(Files.readAllLines(out.resolve("metrics.jsonl"))).hasSize(steps);
        var meta = io.vireo.training.checkpoint.CheckpointStore.read(out.resolve("checkpoint.zip")).meta();
        assertThat(meta.step()).isEqualTo(steps);
        assertThat(meta.identity()).containsEntry("method", method);
    }

    /** Combinations a method cannot serve: exit 2, naming the key. */
    @Test
    void methodsGivenDataOrAnEncoderTheyCannotServeExitTwoNamingTheKey() throws Exception {
        CliRun video = CliRun.of("train", "--method", "video-frame", "--data", "synthetic", "--out", dir.toString());
        assertThat(video.exitCode()).isEqualTo(2);
        assertThat(video.err()).contains("data.kind").contains("video-frame");

        CliRun patch = CliRun.of("train", "--method", "jigsaw", "--data", "synthetic", "--out", dir.toString(),
                "--set", "model.inputSize=32", "--set", "patch.size=16", "--set", "patch.cell=20");
        assertThat(patch.exitCode()).isEqualTo(2);
        assertThat(patch.err()).contains("model.inputSize").contains("patch.size");

        CliRun unknown = CliRun.of("train", "--method", "byol", "--data", "synthetic", "--out", dir.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("method").contains("byol").contains("relic-v2").contains("video-mixed");
    }
}
