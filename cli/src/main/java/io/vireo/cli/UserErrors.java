package io.vireo.cli;

import picocli.CommandLine;

/**
 * Turns the errors a user can fix (bad options, missing files, Kafka down) into one line on
 * stderr and exit code 2, instead of a stack trace. Anything else is a bug and keeps its trace.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {

    static final int USAGE_OR_INPUT = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        if (e instanceof IllegalArgumentException || e instanceof io.vireo.ingest.kafka.KafkaUnavailableException
                || e instanceof java.io.IOException || e instanceof CliException
                || e instanceof io.vireo.ingest.kafka.broker.BrokerStartException
                || e instanceof io.vireo.training.config.ConfigException) {
            commandLine.getErr().println("vireo " + commandLine.getCommandName() + ": " + e.getMessage());
            return USAGE_OR_INPUT;
        }
        throw e;
    }
}
