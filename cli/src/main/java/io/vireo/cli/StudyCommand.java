package io.vireo.cli;

import io.vireo.cli.study.StudyConfig;
import io.vireo.cli.study.StudyPrinter;
import io.vireo.cli.study.StudyRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"Compare the image baselines with the video methods at equal compute, over several seeds, on",
                "synthetic scenes and on the real clips: every method is trained with the same budget on the same",
                "videos' pairs (or frames), then probed (linear, kNN) and measured for invariance (RIS per factor).",
                "The HTML report states which of the Demystifying paper's claims hold here, with the numbers and",
                "their spread over seeds. Settings: study defaults <- --config FILE (keys: see the defaults in",
                "cli/src/main/resources/io/vireo/cli/study/defaults.yaml). Starts its own Kafka unless --bootstrap."})
final class StudyCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Study config (YAML); the defaults without it.")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Where runs and the report go (default: $VIREO_HOME/study).")
    Path out;

    @Option(names = "--bootstrap", description = "Use this Kafka instead of starting one.")
    String bootstrap;

    @Override
    public Integer call() throws Exception {
        StudyConfig study = StudyConfig.load(config);
        Path dir = out != null ? out : VireoHome.path().resolve("study");
        Files.createDirectories(dir);
        StudyPrinter printer = new StudyPrinter(spec.commandLine().getOut());
        printer.step("study '%s': %d seed(s) x %s x %s, %d steps each", study.title(), study.seeds().size(),
                study.datasets(), study.methods(), study.train().steps());
        try (QuickstartCommand.EmbeddedBroker broker = bootstrap != null ? QuickstartCommand.EmbeddedBroker.external(bootstrap)
                : QuickstartCommand.EmbeddedBroker.start(dir.resolve("kafka"))) {
            printer.step("Kafka at %s", broker.bootstrapServers());
            Path report = new StudyRunner(study, dir, broker.bootstrapServers(), printer).run();
            printer.step("report: %s", report);
        }
        return 0;
    }
}
