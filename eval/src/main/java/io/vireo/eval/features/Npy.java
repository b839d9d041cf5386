package io.vireo.eval.features;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vireo.eval.io.AtomicFiles;

/**
 * NumPy {@code .npy} files (format version 1.0) holding a float32 little-endian C-order (N, D)
 * matrix, so features can be loaded with {@code numpy.load} and analysed outside Vireo.
 *
 * <p>Layout: the magic {@code \x93NUMPY}, version bytes 1 0, a little-endian uint16 header
 * length, an ASCII Python dict literal padded with spaces and ended by '\n' so that the data
 * starts at a multiple of 64 bytes (what NumPy itself writes), then the raw values.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int PREAMBLE = MAGIC.length + 2 + 2;
    private static final int ALIGN = 64;
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d+),?\\s*\\)");

    private Npy() {
    }

    /** The complete file bytes' header part (magic through the '\n'). */
    static byte[] header(int rows, int cols) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = PREAMBLE + dict.length() + 1;
        int total = (unpadded + ALIGN - 1) / ALIGN * ALIGN;
        String padded = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) padded.length());
        b.put(padded.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Writes {@code matrix} atomically to {@code file}. */
    public static void write(Path file, FeatureMatrix matrix) throws IOException {
        AtomicFiles.write(file, out -> write(out, matrix));
    }

    public static void write(OutputStream out, FeatureMatrix matrix) throws IOException {
        out.write(header(matrix.rows(), matrix.cols()));
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : matrix.values()) {
            if (chunk.remaining() < Float.BYTES) {
                out.write(chunk.array(), 0, chunk.position());
                chunk.clear();
            }
            chunk.putFloat(v);
        }
        out.write(chunk.array(), 0, chunk.position());
    }

    /** Reads a float32 little-endian C-order 2-D {@code .npy}; anything else is an error naming the file. */
    public static FeatureMatrix read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException(file + ": not a .npy file (bad magic)");
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte();
            int headerLength;
            if (major == 1) {
                headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            } else if (major == 2 || major == 3) {
                headerLength = Integer.reverseBytes(in.readInt());
            } else {
                throw new IllegalArgumentException(file + ": .npy format version " + major + " is not supported");
            }
            byte[] headerBytes = new byte[headerLength];
            in.readFully(headerBytes);
            String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
            if (!header.contains("'descr': '<f4'")) {
                throw new IllegalArgumentException(file + ": expected float32 little-endian ('<f4') data, header is " + header.trim());
            }
            if (!header.contains("'fortran_order': False")) {
                throw new IllegalArgumentException(file + ": Fortran-order arrays are not supported");
            }
            Matcher m = SHAPE.matcher(header);
            if (!m.find()) {
                throw new IllegalArgumentException(file + ": expected a 2-D (N, D) array, header is " + header.trim());
            }
            long rows = Long.parseLong(m.group(1));
            long cols = Long.parseLong(m.group(2));
            if (rows * cols > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(file + ": " + rows + "×" + cols + " is too large to load");
            }
            float[] values = new float[(int) (rows * cols)];
            byte[] buf = new byte[1 << 16];
            int index = 0;
            while (index < values.length) {
                int want = Math.min(buf.length, (values.length - index) * Float.BYTES);
                try {
                    in.readFully(buf, 0, want);
                } catch (java.io.EOFException e) {
                    throw new IllegalArgumentException(file + ": truncated, header says " + rows + "×" + cols
                            + " floats but the data ends after " + index, e);
                }
                ByteBuffer b = ByteBuffer.wrap(buf, 0, want).order(ByteOrder.LITTLE_ENDIAN);
                while (b.hasRemaining()) {
                    values[index++] = b.getFloat();
                }
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException(file + ": has bytes after the " + rows + "×" + cols + " floats");
            }
            return new FeatureMatrix((int) rows, (int) cols, values);
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException(file + ": truncated .npy header", e);
        }
    }
}
