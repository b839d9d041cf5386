package io.vireo.eval.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.vireo.eval.io.AtomicFiles;

/**
 * A model's results as JSON: every figure with the settings that produced it. Each {@code vireo
 * eval} task adds its figures to the file (read, add, write atomically), so one file per encoder
 * collects probes, VOC, segmentation and RIS. NaN (e.g. an AP without positives) is written as the
 * string "NaN".
 */
public final class ResultsFile {

    private ResultsFile() {
    }

    static ObjectMapper mapper() {
        return new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(JsonGenerator.Feature.QUOTE_NON_NUMERIC_NUMBERS)
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static void write(Path file, ModelResults results) throws IOException {
        AtomicFiles.writeBytes(file, mapper().writeValueAsBytes(results));
    }

    public static ModelResults read(Path file) {
        try {
            return mapper().readValue(Files.readAllBytes(file), ModelResults.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("results file " + file + " is not readable: " + e.getMessage(), e);
        }
    }

    /** The results in {@code file} if it exists (and belongs to the same encoder), else a fresh record. */
    public static ModelResults readOrCreate(Path file, String name, String encoder, long step) {
        if (!Files.exists(file)) {
            return ModelResults.empty(name, encoder, step);
        }
        ModelResults r = read(file);
        if (!r.encoder().equals(encoder)) {
            throw new IllegalArgumentException("results file " + file + " holds results of " + r.encoder()
                    + ", not " + encoder + "; use one results file per encoder");
        }
        return r;
    }
}
