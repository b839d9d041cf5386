package io.vireo.cli;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import io.vireo.ingest.record.PairRecord;
import io.vireo.ingest.record.PairRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Test fixture: Parquet pair shards as the pair builder's sink writes them (Avro schema, generic records). */
final class PairShardFiles {

    private PairShardFiles() {
    }

    static void write(Path file, List<PairRecord> pairs) throws IOException {
        Files.createDirectories(file.getParent());
        try (ParquetWriter<GenericRecord> w = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(PairRecords.SCHEMA).withDataModel(GenericData.get()).build()) {
            for (PairRecord p : pairs) {
                w.write(PairRecords.toAvro(p));
            }
        }
    }

    /** Frame pairs {@code from} … {@code to-1} of one stream, each view a flat colour that encodes the pair. */
    static List<PairRecord> framePairs(int from, int to) {
        PairRecord.PairBox box = new PairRecord.PairBox(0, 0, 24, 24);
        return IntStream.range(from, to).mapToObj(i -> new PairRecord("p" + i, "cam", PairRecord.Kind.FRAME, 0,
                i * 40_000L, i * 40_000L + 200_000, i, i + 5, 24, 24, box, box, null, null, null, "png", 24,
                png(i * 37 % 256, 24), png((i * 37 + 9) % 256, 24))).toList();
    }

    /** Frame pairs with the odd ones made region-tracked (a tracker and its confidence), for the video methods. */
    static List<PairRecord> mixedPairs(int from, int to) {
        return framePairs(from, to).stream().map(p -> p.firstFrameIndex() % 2 == 0 ? p : new PairRecord(p.pairId(),
                p.streamId(), PairRecord.Kind.REGION, p.shot(), p.firstPtsMicros(), p.secondPtsMicros(), p.firstFrameIndex(),
                p.secondFrameIndex(), p.frameWidth(), p.frameHeight(), p.firstBox(), p.secondBox(), "csrt", 0.9, "edges",
                p.imageFormat(), p.viewSize(), p.firstView(), p.secondView())).toList();
    }

    static byte[] png(int grey, int size) {
        try (Mat image = new Mat(size, size, opencv_core.CV_8UC3, new Scalar(grey, 255 - grey, grey / 2, 0));
             BytePointer out = new BytePointer()) {
            imencode(".png", image, out);
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return bytes;
        }
    }
}
