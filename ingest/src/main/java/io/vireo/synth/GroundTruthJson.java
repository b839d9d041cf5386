package io.vireo.synth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes the ground-truth sidecar. */
public final class GroundTruthJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private GroundTruthJson() {
    }

    /** Writes to a temporary sibling first, so a reader never sees a half-written sidecar. */
    public static void write(GroundTruth truth, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        MAPPER.writeValue(tmp.toFile(), truth);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static GroundTruth read(Path file) throws IOException {
        try {
            return MAPPER.readValue(file.toFile(), GroundTruth.class);
        } catch (IOException e) {
            throw new IOException("cannot read ground truth " + file + ": " + e.getMessage(), e);
        }
    }

    public static String toJson(GroundTruth truth) throws IOException {
        return MAPPER.writeValueAsString(truth);
    }

    public static GroundTruth fromJson(String json) throws IOException {
        return MAPPER.readValue(json, GroundTruth.class);
    }
}
