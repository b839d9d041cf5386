package io.vireo.eval.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the trainer's {@code metrics.jsonl}: one JSON object per step with at least {@code step}
 * and {@code loss}. A resumed run appends, so a step may appear twice; the last entry wins.
 */
public final class MetricsLog {

    private MetricsLog() {
    }

    public static List<CurvePoint> read(Path file) {
        ObjectMapper json = new ObjectMapper();
        java.util.TreeMap<Long, Double> byStep = new java.util.TreeMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("metrics log " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (IOException e) {
                throw new IllegalArgumentException("metrics log " + file + ":" + (i + 1) + ": not JSON", e);
            }
            if (node == null || !node.has("step") || !node.has("loss")) {
                throw new IllegalArgumentException("metrics log " + file + ":" + (i + 1) + ": needs 'step' and 'loss'");
            }
            byStep.put(node.get("step").asLong(), node.get("loss").asDouble());
        }
        List<CurvePoint> out = new ArrayList<>();
        byStep.forEach((s, l) -> out.add(new CurvePoint(s, l)));
        return out;
    }
}
