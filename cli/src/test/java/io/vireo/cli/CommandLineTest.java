package io.vireo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vireo.ingest.kafka.broker.KafkaBrokerProcess;
import io.vireo.ingest.kafka.testing.KafkaBrokerExtension;
import io.vireo.ingest.kafka.testing.TestKafka;
import io.vireo.ingest.testing.TestVideos;
import io.vireo.ingest.testing.TestVideos.Spec;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBrokerExtension.class)
class CommandLineTest {

    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommandAndEachCommandHasHelp() {
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isZero();
        List<String> commands = List.of("quickstart", "kafka", "flink", "synth", "ingest", "pairs", "train", "eval", "study");
        assertThat(help.out()).contains(commands);
        for (String command : commands) {
            CliRun commandHelp = CliRun.of(command, "--help");
            assertThat(commandHelp.exitCode()).as(command).isZero();
            assertThat(commandHelp.out()).as(command).contains("Usage: vireo " + command);
        }
    }

    @Test
    void ingestPublishesAndSaysWhatItDid(TestKafka kafka) throws Exception {
        Path video = TestVideos.h264(dir, "street", Spec.of(4));
        CliRun run = CliRun.of("ingest", video.toString(), "--bootstrap", kafka.bootstrapServers(),
                "--topic", kafka.uniqueTopicName("cli"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("1 streams (0 with problems): 2 chunks published");
    }

    @Test
    void notAVideoIsNamedAndExitsOne(TestKafka kafka) throws Exception {
        Path text = Files.writeString(dir.resolve("holiday.mp4"), "plain text");
        CliRun run = CliRun.of("ingest", text.toString(), "--bootstrap", kafka.bootstrapServers(),
                "--topic", kafka.uniqueTopicName("cli"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED  " + text).contains("not a readable video");
    }

    @Test
    void truncatedFileIsPartialAndExitsOne(TestKafka kafka) throws Exception {
        Path truncated = TestVideos.truncated(TestVideos.h264(dir, "cut", Spec.of(8)), 0.6);
        CliRun run = CliRun.of("ingest", truncated.toString(), "--bootstrap", kafka.bootstrapServers(),
                "--topic", kafka.uniqueTopicName("cli"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("PARTIAL " + truncated).contains("published");
    }

    @Test
    void unreachableUrlIsNamedAndExitsOne(TestKafka kafka) throws Exception {
        String url = "rtsp://127.0.0.1:" + closedPort() + "/cam";
        CliRun run = CliRun.of("ingest", url, "--io-timeout", "2", "--bootstrap", kafka.bootstrapServers(),
                "--topic", kafka.uniqueTopicName("cli"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED  " + url).contains("cannot open stream");
    }

    @Test
    void brokerDownIsNamedAndExitsTwo() throws Exception {
        Path video = TestVideos.h264(dir, "street", Spec.of(2));
        int port = closedPort();
        CliRun run = CliRun.of("ingest", video.toString(), "--bootstrap", "127.0.0.1:" + port, "--connect-attempts", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("vireo ingest: cannot reach Kafka at 127.0.0.1:" + port);
    }

    @Test
    void badOptionsAreNamed() {
        CliRun chunk = CliRun.of("ingest", "x.mp4", "--chunk-seconds", "0", "--bootstrap", "127.0.0.1:9");
        assertThat(chunk.exitCode()).isEqualTo(2);
        assertThat(chunk.err()).contains("--chunk-seconds must be > 0");

        CliRun size = CliRun.of("synth", "--size", "big", "--out", dir.toString());
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.err()).contains("--size must be WIDTHxHEIGHT, got 'big'");

        CliRun pairs = CliRun.of("pairs", "--bootstrap", "127.0.0.1:9", "--set", "tracker=sift", "--set", "max-dt=0 s");
        assertThat(pairs.exitCode()).isEqualTo(2);
        assertThat(pairs.err()).contains("invalid pair job configuration").contains("tracker").contains("max-dt");

        CliRun bootstrap = CliRun.of("ingest", "x.mp4", "--bootstrap", "localhost");
        assertThat(bootstrap.exitCode()).isEqualTo(2);
        assertThat(bootstrap.err()).contains("bootstrap entry 'localhost' is not host:port");
    }

    @Test
    void kafkaStartStatusStopRunARealBroker() {
        Path data = dir.resolve("kafka");
        try {
            CliRun start = CliRun.of("kafka", "start", "--data-dir", data.toString(), "--heap", "256m");
            assertThat(start.exitCode()).as(start.err()).isZero();
            String bootstrap = start.out().strip();
            assertThat(bootstrap).matches("127\\.0\\.0\\.1:\\d+");

            CliRun status = CliRun.of("kafka", "status", "--data-dir", data.toString());
            assertThat(status.exitCode()).isZero();
            assertThat(status.out()).contains("running at " + bootstrap);

            CliRun again = CliRun.of("kafka", "start", "--data-dir", data.toString());
            assertThat(again.out().strip()).isEqualTo(bootstrap);

            assertThat(CliRun.of("kafka", "stop", "--data-dir", data.toString()).out()).contains("stopped");
            CliRun stopped = CliRun.of("kafka", "status", "--data-dir", data.toString());
            assertThat(stopped.exitCode()).isEqualTo(3);
            assertThat(stopped.out()).contains("not running");
        } finally {
            KafkaBrokerProcess.stop(data, java.time.Duration.ofSeconds(10));
        }
    }

    @Test
    void pairsRunOnAStandaloneClusterStartedByTheCli(TestKafka kafka) throws Exception {
        Path video = TestVideos.h264(dir, "walk", Spec.of(6));
        String chunks = kafka.uniqueTopicName("chunks");
        String pairs = kafka.uniqueTopicName("pairs");
        assertThat(CliRun.of("ingest", video.toString(), "--bootstrap", kafka.bootstrapServers(), "--topic", chunks)
                .exitCode()).isZero();
        Path flink = dir.resolve("flink");
        try {
            CliRun start = CliRun.of("flink", "start", "--data-dir", flink.toString(), "--task-managers", "2", "--slots", "1");
            assertThat(start.exitCode()).as(start.err()).isZero();
            String rest = start.out().strip();
            assertThat(CliRun.of("flink", "status", "--data-dir", flink.toString()).out()).contains("(2 registered)");

            CliRun run = CliRun.of("pairs", "--cluster", rest, "--bootstrap", kafka.bootstrapServers(),
                    "--chunk-topic", chunks, "--pair-topic", pairs);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("on the Flink cluster at " + rest).contains("submitted job")
                    .containsPattern("holds [1-9]\\d* frame-level");

            // The third kind of process: the trainer, in its own JVM, on what the cluster wrote to Kafka.
            Path log = dir.resolve("trainer.log");
            Process trainer = new ProcessBuilder(java(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "train", "--method", "video-frame",
                    "--data", "kafka:" + pairs + "@" + kafka.bootstrapServers(), "--until-caught-up",
                    "--out", dir.resolve("trainer").toString(), "--set", "model.width=0.25", "--set", "model.inputSize=32",
                    "--set", "batchSize=4", "--set", "moco.bnGroups=2", "--set", "moco.queueSize=8",
                    "--set", "moco.headHidden=32", "--set", "moco.headOut=16")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                assertThat(trainer.waitFor(4, java.util.concurrent.TimeUnit.MINUTES)).as("trainer finished").isTrue();
                assertThat(trainer.exitValue()).as(Files.readString(log)).isZero();
            } finally {
                trainer.destroyForcibly();
            }
            assertThat(Files.readString(log)).contains("(caught up)");
            assertThat(dir.resolve("trainer/checkpoint.zip")).exists();

            assertThat(CliRun.of("flink", "stop", "--data-dir", flink.toString()).out()).contains("stopped");
            assertThat(CliRun.of("flink", "status", "--data-dir", flink.toString()).exitCode()).isEqualTo(3);
        } finally {
            io.vireo.flink.cluster.FlinkClusterProcess.stop(flink, java.time.Duration.ofSeconds(10));
        }
    }

    @Test
    void quickstartRunsEndToEndAndStopsItsBroker() {
        Path work = dir.resolve("quickstart");
        CliRun run = CliRun.of("quickstart", "--work-dir", work.toString(), "--videos", "1", "--seconds", "6",
                "--no-real-clips", "--methods", "moco-v2", "--train-steps", "2", "--batch-size", "8", "--probe-images", "4");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("[1] Kafka at 127.0.0.1:").contains("1 streams (0 with problems): 3 chunks published")
                .containsPattern("topic vireo.pairs holds [1-9]\\d* frame-level and \\d+ region-tracked pairs")
                .contains("training moco-v2 for 2 steps").contains("moco-v2: linear probe")
                .contains("[6] done; the report is " + work.resolve("report/index.html"));
        assertThat(work.resolve("synth/scene.json")).exists();
        assertThat(work.resolve("shards")).isNotEmptyDirectory();
        assertThat(work.resolve("report/index.html")).content().contains("Pairs").contains("moco-v2 · quickstart")
                .contains("synth-objects/linear").contains("RIS@10");
        assertThat(KafkaBrokerProcess.find(work.resolve("kafka"))).isEmpty();
    }

    @Test
    void quickstartRefusesAnUnknownMethodBeforeStartingAnything() {
        Path work = dir.resolve("refused");
        CliRun run = CliRun.of("quickstart", "--work-dir", work.toString(), "--methods", "moco-v2,simclr");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("methods: 'simclr'");
        assertThat(work.resolve("kafka")).doesNotExist();
    }

    /** A one-seed, one-video study end to end against the test broker: pairs, training, evaluation, report. */
    @Test
    void studyRunsEndToEndAndWritesItsReport(TestKafka kafka) throws Exception {
        Path config = Files.writeString(dir.resolve("study.yaml"), String.join("\n",
                "title: tiny study",
                "seeds: [4]",
                "methods: [moco-v2]",
                "datasets: [synthetic]",
                "synthetic: {videos: 1, seconds: 6}",
                "train:",
                "  steps: 2",
                "  set: {batchSize: 8}",
                "eval: {probeImagesPerClass: 4, risInstancesPerClass: 1, risConditions: 4, risFactors: [viewpoint]}", ""));
        Path out = dir.resolve("study");

        CliRun run = CliRun.of("study", "--config", config.toString(), "--out", out.toString(), "--bootstrap",
                kafka.bootstrapServers());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("[seed 4 · synthetic] rendering 1 synthetic scenes")
                .contains("[seed 4 · synthetic] training moco-v2 for 2 steps").contains("report: " + out.resolve("report/index.html"));
        assertThat(out.resolve("report/index.html")).content().contains("tiny study").contains("Claims").contains("Pairs")
                .contains("Every run").contains("moco-v2 · synthetic");
        assertThat(out.resolve("report/report.json")).content().contains("\"tables\"");

        CliRun bad = CliRun.of("study", "--config", Files.writeString(dir.resolve("bad.yaml"), "seeds: [1]\nmethod: [x]\n")
                .toString(), "--bootstrap", kafka.bootstrapServers());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown key 'method'");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
