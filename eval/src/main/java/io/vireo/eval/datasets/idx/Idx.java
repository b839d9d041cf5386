package io.vireo.eval.datasets.idx;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The IDX format of MNIST and Fashion-MNIST ({@code train-images-idx3-ubyte[.gz]} etc.): a
 * big-endian magic (0x0000, type 0x08 = unsigned byte, number of dimensions), one big-endian
 * int32 per dimension, then the values. Gzipped files (as distributed) are read directly.
 */
public final class Idx {

    /** {@code count} greyscale images of rows×cols, row-major, one byte per pixel. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
        public int pixel(int image, int row, int col) {
            return pixels[(image * rows + row) * cols + col] & 0xff;
        }
    }

    private static final int UBYTE = 0x08;

    private Idx() {
    }

    public static Images images(Path file) {
        try (DataInputStream in = open(file)) {
            int[] dims = header(in, file, 3);
            long size = (long) dims[0] * dims[1] * dims[2];
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(file + ": " + dims[0] + " images of " + dims[1] + "×" + dims[2] + " is too large");
            }
            byte[] pixels = new byte[(int) size];
            readFully(in, pixels, file);
            return new Images(dims[0], dims[1], dims[2], pixels);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read IDX: " + e.getMessage(), e);
        }
    }

    public static int[] labels(Path file) {
        try (DataInputStream in = open(file)) {
            int[] dims = header(in, file, 1);
            byte[] raw = new byte[dims[0]];
            readFully(in, raw, file);
            int[] labels = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                labels[i] = raw[i] & 0xff;
            }
            return labels;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read IDX: " + e.getMessage(), e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("IDX file not found: " + file);
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        // gzip magic 1f 8b; an IDX file starts with two zero bytes.
        InputStream in = b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
        return new DataInputStream(in);
    }

    private static int[] header(DataInputStream in, Path file, int expectedDims) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": empty IDX file", e);
        }
        if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xff) != UBYTE || (magic & 0xff) != expectedDims) {
            throw new IllegalArgumentException(file + ": expected an unsigned-byte IDX file with " + expectedDims
                    + " dimension(s), magic is 0x" + Integer.toHexString(magic));
        }
        int[] dims = new int[expectedDims];
        for (int i = 0; i < expectedDims; i++) {
            dims[i] = in.readInt();
            if (dims[i] < 0) {
                throw new IllegalArgumentException(file + ": negative dimension " + dims[i]);
            }
        }
        return dims;
    }

    private static void readFully(DataInputStream in, byte[] into, Path file) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": truncated, the header promises " + into.length + " values", e);
        }
    }
}
