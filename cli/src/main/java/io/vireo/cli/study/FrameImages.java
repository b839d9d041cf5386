package io.vireo.cli.study;

import io.vireo.ingest.record.PairRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The image baselines' data: the frames the frame-level pairs were cut from, one image per distinct
 * (stream, frame), as a flat image folder. The same videos, the same view size and the same sampled
 * frames as the video methods see; only the pairing differs — an image baseline makes its positives
 * by augmenting one frame twice.
 */
final class FrameImages {

    private FrameImages() {
    }

    static Path write(List<PairRecord> pairs, Path dir) throws IOException {
        Files.createDirectories(dir);
        Set<String> written = new HashSet<>();
        for (PairRecord p : pairs) {
            if (p.kind() != PairRecord.Kind.FRAME) {
                continue;
            }
            save(dir, written, p.streamId(), p.firstFrameIndex(), p.imageFormat(), p.firstView());
            save(dir, written, p.streamId(), p.secondFrameIndex(), p.imageFormat(), p.secondView());
        }
        if (written.isEmpty()) {
            throw new IllegalStateException("no frame-level pairs: nothing for the image baselines to train on");
        }
        return dir;
    }

    private static void save(Path dir, Set<String> written, String stream, long frame, String format, byte[] bytes)
            throws IOException {
        String name = String.format(Locale.ROOT, "%s-%08d.%s", stream.replaceAll("[^A-Za-z0-9._-]", "_"), frame,
                format.equals("jpeg") ? "jpg" : format);
        if (written.add(name)) {
            Files.write(dir.resolve(name), bytes);
        }
    }

    static long count(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
