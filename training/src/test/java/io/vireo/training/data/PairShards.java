package io.vireo.training.data;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

import io.vireo.ingest.record.PairRecord;
import io.vireo.ingest.record.PairRecords;

/**
 * Test fixture: Parquet pair shards as flink-jobs writes them — {@code PairParquetWriter} maps each
 * pair with {@link PairRecords#toAvro} and hands it to Flink's {@code AvroParquetWriters.forGenericRecord},
 * which is {@code AvroParquetWriter.builder(out).withSchema(schema).withDataModel(GenericData.get())}.
 * Pair i's views are PNGs filled with grey levels that encode i ({@link #first}, {@link #second}), so a
 * reader can tell which pair it got and that its views belong together.
 */
public final class PairShards {
    private PairShards() {
    }

    public static int first(int pair) {
        return pair % 100 + 20;
    }

    public static int second(int pair) {
        return pair % 100 + 130;
    }

    /** Writes pairs {@code from … to-1} into {@code file}. */
    public static void write(Path file, int from, int to, int size) throws IOException {
        write(file, from, to, size, i -> false);
    }

    /** As {@link #write(Path, int, int, int)}, pair i being REGION when {@code region.test(i)}. */
    public static void write(Path file, int from, int to, int size, java.util.function.IntPredicate region) throws IOException {
        Files.createDirectories(file.getParent());
        try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(PairRecords.SCHEMA).withDataModel(GenericData.get()).build()) {
            for (int i = from; i < to; i++) {
                w.write(PairRecords.toAvro(pair(i, size, region.test(i) ? PairRecord.Kind.REGION : PairRecord.Kind.FRAME)));
            }
        }
    }

    /**
     * Writes pairs {@code from … to-1} whose views are synthetic scenes: view 1 = shape image i of a
     * {@link SyntheticShapesSource} (4 classes, seed 11), view 2 = the same scene 2 px later in a slow pan
     * (crop and resize); pair i is REGION when {@code region.test(i)}, else FRAME.
     */
    public static void writeScenes(Path file, int from, int to, int size, java.util.function.IntPredicate region)
            throws IOException {
        Files.createDirectories(file.getParent());
        SyntheticShapesSource scenes = new SyntheticShapesSource(Math.max(to, 1), 4, size, 11);
        try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(PairRecords.SCHEMA).withDataModel(GenericData.get()).build()) {
            for (int i = from; i < to; i++) {
                Mat first = scenes.read(i).image();
                Mat second = new Mat();
                org.bytedeco.opencv.global.opencv_imgproc.resize(new Mat(first, new org.bytedeco.opencv.opencv_core.Rect(2, 2,
                        size - 2, size - 2)), second, new org.bytedeco.opencv.opencv_core.Size(size, size));
                w.write(PairRecords.toAvro(pair(i, size, region.test(i) ? PairRecord.Kind.REGION : PairRecord.Kind.FRAME,
                        png(first), png(second))));
            }
        }
    }

    /** Pair {@code i}: a FRAME pair whose views are flat PNGs (grey {@link #first}(i) and {@link #second}(i)). */
    public static PairRecord pair(int i, int size) {
        return pair(i, size, PairRecord.Kind.FRAME);
    }

    /** Pair {@code i} of {@code kind} with the flat grey views of {@link #pair(int, int)}. */
    public static PairRecord pair(int i, int size, PairRecord.Kind kind) {
        return pair(i, size, kind, png(first(i), size), png(second(i), size));
    }

    /** Pair {@code i} of {@code kind} (REGION pairs carry a tracker and its confidence) with the given encoded views. */
    public static PairRecord pair(int i, int size, PairRecord.Kind kind, byte[] first, byte[] second) {
        PairRecord.PairBox box = new PairRecord.PairBox(0, 0, size, size);
        boolean region = kind == PairRecord.Kind.REGION;
        return new PairRecord("p" + i, "stream-" + (i % 3), kind, 0, i * 1000L, i * 1000L + 500, i, i + 1,
                size, size, box, box, region ? "csrt" : null, region ? 0.9 : null, region ? "edges" : null, "png", size,
                first, second);
    }

    private static byte[] png(int grey, int size) {
        try (Mat m = new Mat(size, size, CV_8UC3, new Scalar(grey, grey, grey, 0))) {
            return png(m);
        }
    }

    private static byte[] png(Mat m) {
        try (BytePointer out = new BytePointer()) {
            if (!imencode(".png", m, out)) {
                throw new IllegalStateException("png encode failed");
            }
            byte[] b = new byte[(int) out.limit()];
            out.get(b);
            return b;
        }
    }

    /** The grey level of a decoded flat view. */
    public static int grey(Mat m) {
        return m.ptr(0, 0).get() & 0xFF;
    }

    /** Reads {@code n} pairs; returns the pair index of each, checking both views belong to it. */
    public static List<Integer> take(PairStream s, int n) {
        Integer[] out = new Integer[n];
        for (int k = 0; k < n; k++) {
            ViewPair v = s.next();
            int a = grey(v.first()), b = grey(v.second());
            if (b - a != 110) {
                throw new AssertionError("views of different pairs: grey " + a + " and " + b);
            }
            out[k] = a - 20;
            v.first().close();
            v.second().close();
        }
        return List.of(out);
    }
}
