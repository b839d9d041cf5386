package io.vireo.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a benchmark's figures as JSON, atomically, with when and where they were measured. */
public final class ResultFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFiles() {
    }

    public static void write(Path file, String benchmark, Map<String, Object> figures) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("benchmark", benchmark);
        document.put("measuredAt", Instant.now().toString());
        document.put("machine", MachineInfo.describe());
        document.putAll(figures);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        JSON.writeValue(temp.toFile(), document);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
