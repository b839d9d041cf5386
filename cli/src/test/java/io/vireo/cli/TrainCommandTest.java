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
        assertThat(CliRun.of("train", "--help").out()).contains("Usage: vireo train").contains("--[no-]resume");

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

        CliRun override = CliRun.of("train", "--data", "synthetic", "--set", "optim.lr=fast");
        assertThat(override.exitCode()).isEqualTo(2);
        assertThat(override.err()).contains("optim.lr");
    }
}
