package io.vireo.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import io.vireo.eval.encoder.Encoder;
import io.vireo.eval.report.ModelResults;
import io.vireo.eval.report.ResultsFile;
import picocli.CommandLine.Option;

/** Where a {@code vireo eval} task adds its figures: one JSON results file per encoder. */
final class EvalResultsOptions {

    @Option(names = "--results", description = "Add the figures to this JSON results file (created if missing); "
            + "'vireo eval report' turns results files into a report.")
    Path results;

    @Option(names = "--name", description = "The encoder's name in results and reports (default: the checkpoint's folder, or 'random init').")
    String name;

    void add(Encoder encoder, UnaryOperator<ModelResults> update) throws IOException {
        if (results == null) {
            return;
        }
        String n = name != null ? name : encoder.step() == 0 && encoder.origin().startsWith("random") ? "random init"
                : Path.of(encoder.origin()).toAbsolutePath().getParent().getFileName() + " step " + encoder.step();
        ModelResults current = ResultsFile.readOrCreate(results, n, encoder.origin(), encoder.step());
        ResultsFile.write(results, update.apply(current));
    }
}
