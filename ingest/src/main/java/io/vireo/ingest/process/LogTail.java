package io.vireo.ingest.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a supervised process's output files, so a failed start explains itself. */
public final class LogTail {

    private static final int MAX_LINES = 40;

    private LogTail() {
    }

    public static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether the part of {@code file} written after {@code offset} (e.g. by the latest run) contains {@code text}. */
    public static boolean containsSince(Path file, long offset, String text) {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long from = Math.min(offset, channel.size());
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size() - from, 16L * 1024 * 1024));
            channel.position(from).read(buffer);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    public static String of(List<Path> files) {
        StringBuilder out = new StringBuilder();
        for (Path file : files) {
            out.append("\n--- last lines of ").append(file).append(" ---\n");
            if (!Files.isRegularFile(file)) {
                out.append("(missing)\n");
                continue;
            }
            try {
                // Malformed bytes must not hide the rest of the tail; decode leniently.
                String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                List<String> lines = text.lines().toList();
                lines.subList(Math.max(0, lines.size() - MAX_LINES), lines.size())
                        .forEach(l -> out.append(l).append('\n'));
                if (lines.isEmpty()) {
                    out.append("(empty)\n");
                }
            } catch (IOException e) {
                out.append("(unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        return out.toString();
    }
}
