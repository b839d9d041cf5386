package io.vireo.eval.features;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.vireo.eval.images.ImageSet;
import io.vireo.eval.images.LabeledPath;
import io.vireo.eval.io.AtomicFiles;

/**
 * The CSV that goes with a features {@code .npy}: row i describes feature row i. Columns
 * {@code path,label,class}: the image file, its class index (-1 if unlabelled) and class name
 * (empty if unlabelled). RFC 4180 quoting, UTF-8, '\n' line ends.
 */
public final class FeatureIndex {

    public static final String HEADER = "path,label,class";

    /** One row of the index. */
    public record Row(String path, int label, String className) {
    }

    private FeatureIndex() {
    }

    public static void write(Path file, ImageSet set) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (LabeledPath p : set.images()) {
            String name = p.label() >= 0 ? set.classNames().get(p.label()) : "";
            sb.append(quote(p.path().toString())).append(',').append(p.label()).append(',').append(quote(name)).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    public static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new StringReader(Files.readString(file)))) {
            String header = r.readLine();
            if (!HEADER.equals(header)) {
                throw new IllegalArgumentException(file + ": expected header '" + HEADER + "', got '" + header + "'");
            }
            int line = 1;
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                line++;
                if (s.isEmpty()) {
                    continue;
                }
                List<String> fields = split(s, file, line);
                if (fields.size() != 3) {
                    throw new IllegalArgumentException(file + ":" + line + ": expected 3 fields, got " + fields.size());
                }
                try {
                    rows.add(new Row(fields.get(0), Integer.parseInt(fields.get(1)), fields.get(2)));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ":" + line + ": label '" + fields.get(1) + "' is not an integer", e);
                }
            }
        }
        return rows;
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    static List<String> split(String line, Path file, int lineNumber) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(file + ":" + lineNumber + ": unterminated quote");
        }
        out.add(cur.toString());
        return out;
    }
}
