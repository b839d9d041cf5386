package io.vireo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vireo} command. */
@Command(name = "vireo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Learn visual representations from unlabeled video streams.",
        subcommands = {
                QuickstartCommand.class,
                KafkaCommand.class,
                FlinkCommand.class,
                SynthCommand.class,
                IngestCommand.class,
                PairsCommand.class,
                TrainCommand.class,
                EvalCommand.class,
                StudyCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line, shared by main and the tests. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler(new UserErrors());
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
