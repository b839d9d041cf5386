package io.vireo.cli;

import io.vireo.cli.study.Claims;
import io.vireo.cli.study.MethodRun;
import io.vireo.cli.study.StudyConfig;
import io.vireo.cli.study.StudyPrinter;
import io.vireo.cli.study.StudyRunner;
import io.vireo.cli.study.VideoPairs;
import io.vireo.ingest.chunk.ChunkerOptions;
import io.vireo.ingest.kafka.ChunkTopic;
import io.vireo.ingest.kafka.KafkaSettings;
import io.vireo.ingest.kafka.KafkaUnavailableException;
import io.vireo.ingest.kafka.broker.BrokerSettings;
import io.vireo.ingest.kafka.broker.KafkaBrokerProcess;
import io.vireo.ingest.publish.IngestReport;
import io.vireo.ingest.publish.IngestSources;
import io.vireo.ingest.publish.Ingestor;
import io.vireo.synth.SynthResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"Run Vireo end to end on embedded defaults: a Kafka broker of its own, synthetic scenes",
                "(plus real clips from ~/.cache/vireo/real-data/video when fetched), ingest into Kafka, then the",
                "Flink pair builder (frame-level and region-tracked pairs to Kafka and Parquet shards), short",
                "training runs of moco-v2, relic-v2, video-frame and video-region on the same budget, each evaluated",
                "(linear and kNN probes on synthetic object classes, RIS per factor), and an HTML report.",
                "Everything it started is stopped at the end, also on Ctrl-C."})
final class QuickstartCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--work-dir", description = "Where the quickstart keeps its broker data and videos (default: $VIREO_HOME/quickstart).")
    Path workDir;

    @Option(names = "--videos", defaultValue = "3", description = "Synthetic videos to render (default: ${DEFAULT-VALUE}).")
    int videos;

    @Option(names = "--seconds", defaultValue = "10", description = "Length of each synthetic video (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--no-real-clips", description = "Use synthetic scenes only, even if real clips were fetched.")
    boolean noRealClips;

    @Option(names = "--bootstrap", description = "Use this Kafka instead of starting one.")
    String bootstrap;

    @Option(names = "--methods", split = ",", defaultValue = "moco-v2,relic-v2,video-frame,video-region",
            description = "Methods to train and compare (default: ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--train-steps", defaultValue = "150", description = "Training steps per method (default: ${DEFAULT-VALUE}).")
    long trainSteps;

    @Option(names = "--batch-size", defaultValue = "32", description = "Training batch size, every method (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--probe-images", defaultValue = "48",
            description = "Synthetic object renders per class for the probes (default: ${DEFAULT-VALUE}).")
    int probeImages;

    @Override
    public Integer call() throws Exception {
        Path dir = workDir != null ? workDir : VireoHome.path().resolve("quickstart");
        Files.createDirectories(dir);
        StudyConfig study = quickstartStudy();
        MethodRun.checkSettings(study, dir);
        try (EmbeddedBroker broker = bootstrap != null ? EmbeddedBroker.external(bootstrap)
                : EmbeddedBroker.start(dir.resolve("kafka"))) {
            step(1, "Kafka at " + broker.bootstrapServers());

            step(2, "rendering " + videos + " synthetic scene videos with ground truth");
            SynthCommand synth = new SynthCommand();
            synth.spec = spec;
            synth.out = dir.resolve("synth");
            synth.videos = videos;
            synth.name = "scene";
            synth.seconds = seconds;
            synth.fps = 25;
            synth.size = "320x240";
            synth.seed = 1;
            synth.objects = 3;
            synth.shotSeconds = 2.5;
            List<String> inputs = new ArrayList<>();
            for (SynthResult result : synth.render()) {
                inputs.add(result.ts().toString());
            }
            Path realClips = Path.of(System.getProperty("user.home"), ".cache", "vireo", "real-data", "video");
            if (!noRealClips && Files.isDirectory(realClips)) {
                inputs.add(realClips.toString());
            }

            step(3, "ingesting " + inputs.size() + " inputs into Kafka topic " + ChunkTopic.defaults().name());
            IngestReport report = new Ingestor(KafkaSettings.of(broker.bootstrapServers()), ChunkTopic.defaults(),
                    ChunkerOptions.defaults(), new IngestProgress()).ingest(IngestSources.expand(inputs, null));
            spec.commandLine().getOut().println(report.summary());

            step(4, "building positive pairs with Flink (frame-level and region-tracked)");
            PairsCommand pairs = new PairsCommand();
            pairs.spec = spec;
            pairs.kafka = new KafkaOptions();
            pairs.kafka.bootstrap = broker.bootstrapServers();
            pairs.kafka.connectAttempts = 4;
            pairs.chunkTopic = ChunkTopic.defaults().name();
            pairs.pairTopic = io.vireo.ingest.record.PairRecords.DEFAULT_TOPIC;
            pairs.shardDir = dir.resolve("shards");
            int pairsExit = pairs.call();

            if (!report.ok() || pairsExit != 0) {
                return 1;
            }

            step(5, "training " + String.join(", ", methods) + " for " + trainSteps + " steps each, then evaluating each");
            StudyPrinter printer = new StudyPrinter(spec.commandLine().getOut());
            VideoPairs.Data data = VideoPairs.fromShards("quickstart", 1, inputs.size(), pairs.shardDir, dir.resolve("frames"),
                    printer);
            List<Claims.Run> runs = new ArrayList<>();
            for (String method : methods) {
                runs.add(new Claims.Run(data.dataset(), data.seed(), method,
                        MethodRun.trainAndEvaluate(method, data, study, dir.resolve("train").resolve(method), printer)));
            }
            Path html = StudyRunner.writeReport(dir.resolve("report"), study.title(), runs, List.of(data), List.of(data.dataset()));
            step(6, "done; the report is " + html + " (videos and ground truth in " + synth.out + ", pair shards in "
                    + pairs.shardDir + ")");
            return 0;
        }
    }

    /** The quickstart's training budget and evaluation sizes, as a one-seed study on its own videos. */
    private StudyConfig quickstartStudy() {
        return StudyConfig.parse(String.join("\n",
                "title: Vireo quickstart",
                "seeds: [1]",
                "methods: [" + String.join(", ", methods) + "]",
                "train:",
                "  steps: " + trainSteps,
                "  set:",
                "    batchSize: " + batchSize,
                "eval:",
                "  probeImagesPerClass: " + probeImages,
                "  risInstancesPerClass: 2",
                "  risConditions: 6"), "quickstart options");
    }

    private void step(int number, String what) {
        spec.commandLine().getOut().println("[" + number + "] " + what);
        spec.commandLine().getOut().flush();
    }

    /** The quickstart's broker: started here and stopped on close or JVM shutdown (Ctrl-C), or a user's. */
    static final class EmbeddedBroker implements AutoCloseable {
        private final KafkaBrokerProcess process;
        private final String bootstrapServers;
        private final Thread stopOnShutdown;

        private EmbeddedBroker(KafkaBrokerProcess process, String bootstrapServers) {
            this.process = process;
            this.bootstrapServers = bootstrapServers;
            this.stopOnShutdown = process == null ? null : new Thread(() -> process.stop(Duration.ofSeconds(20)),
                    "stop-quickstart-broker");
            if (stopOnShutdown != null) {
                Runtime.getRuntime().addShutdownHook(stopOnShutdown);
            }
        }

        static EmbeddedBroker start(Path dataDir) {
            KafkaBrokerProcess.find(dataDir).ifPresent(stale -> KafkaBrokerProcess.stop(dataDir, Duration.ofSeconds(20)));
            // dieWithParent: if this JVM is killed outright, the broker still goes away.
            BrokerSettings settings = BrokerSettings.defaults(dataDir).withDieWithParent(true);
            return new EmbeddedBroker(KafkaBrokerProcess.start(settings), null);
        }

        static EmbeddedBroker external(String bootstrap) {
            return new EmbeddedBroker(null, bootstrap);
        }

        String bootstrapServers() {
            return process != null ? process.bootstrapServers() : bootstrapServers;
        }

        @Override
        public void close() {
            if (process != null) {
                process.stop(Duration.ofSeconds(20));
                Runtime.getRuntime().removeShutdownHook(stopOnShutdown);
            }
        }
    }
}
