package io.vireo.training.checkpoint;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checkpoint files: a zip with {@code meta.json} and one ND4J binary entry per array. Written to a
 * temp file in the same directory, fsynced, then atomically renamed (and the directory fsynced),
 * so a crash leaves either the previous checkpoint or the new one, never half of one.
 */
public final class CheckpointStore {
    private static final String META = "meta.json";
    private static final String ARRAY_PREFIX = "arrays/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointStore() {
    }

    public static void write(Path file, CheckpointMeta meta, Map<String, INDArray> arrays) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream raw = Channels.newOutputStream(ch);
                ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(raw, 1 << 20));
                zip.setLevel(1); // float weights barely compress; don't spend CPU on it
                zip.putNextEntry(new ZipEntry(META));
                zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
                zip.closeEntry();
                for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                    zip.putNextEntry(new ZipEntry(ARRAY_PREFIX + e.getKey()));
                    DataOutputStream out = new DataOutputStream(zip);
                    Nd4j.write(e.getValue(), out);
                    out.flush();
                    zip.closeEntry();
                }
                zip.finish();
                zip.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(tmp);
                throw new IOException("filesystem of " + dir + " cannot rename atomically", e);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true); // make the rename itself durable
            } catch (IOException ignored) {
                // some filesystems refuse to open directories; the rename is still atomic
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }

    public static Checkpoint read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("checkpoint not found: " + file);
        }
        CheckpointMeta meta = null;
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
             ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(META)) {
                    meta = JSON.readValue(zip.readAllBytes(), CheckpointMeta.class);
                } else if (e.getName().startsWith(ARRAY_PREFIX)) {
                    arrays.put(e.getName().substring(ARRAY_PREFIX.length()), Nd4j.read(new DataInputStream(zip)));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("checkpoint " + file + " is not readable: " + e.getMessage(), e);
        }
        if (meta == null) {
            throw new IllegalArgumentException("checkpoint " + file + " has no " + META);
        }
        if (meta.formatVersion() != CheckpointMeta.FORMAT) {
            throw new IllegalArgumentException("checkpoint " + file + " has format " + meta.formatVersion()
                    + ", this build reads " + CheckpointMeta.FORMAT);
        }
        return new Checkpoint(meta, arrays);
    }
}
