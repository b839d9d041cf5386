package io.vireo.ingest.record;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * The pair record's one schema ({@code PairRecord.avsc}, Avro) and its mappings.
 *
 * <p>Avro rather than Protobuf because the offline copy of the pairs is Parquet, and
 * parquet-avro writes and reads Parquet straight from an Avro schema: one schema serves the
 * Kafka topic and the shards, and Python/Spark/DuckDB read either without Vireo's code.
 *
 * <p>Kafka values use Avro's <em>single-object encoding</em> (2 marker bytes {@code C3 01}, the
 * schema's 8-byte CRC-64-AVRO fingerprint, then the binary datum): a reader can check it holds the
 * schema it expects before decoding, and the format is in the Avro specification, so any Avro
 * library can read it. The key is the stream id (UTF-8).
 */
public final class PairRecords {

    public static final String DEFAULT_TOPIC = "vireo.pairs";
    public static final String SCHEMA_RESOURCE = "/io/vireo/ingest/record/PairRecord.avsc";
    public static final Schema SCHEMA = loadSchema();

    private static final Schema BOX_SCHEMA = SCHEMA.getField("first_box").schema();
    private static final Schema KIND_SCHEMA = SCHEMA.getField("kind").schema();

    private PairRecords() {
    }

    public static GenericRecord toAvro(PairRecord pair) {
        GenericData.Record r = new GenericData.Record(SCHEMA);
        r.put("pair_id", pair.pairId());
        r.put("stream_id", pair.streamId());
        r.put("kind", new GenericData.EnumSymbol(KIND_SCHEMA, pair.kind().name()));
        r.put("shot", pair.shot());
        r.put("first_pts_us", pair.firstPtsMicros());
        r.put("second_pts_us", pair.secondPtsMicros());
        r.put("first_frame_index", pair.firstFrameIndex());
        r.put("second_frame_index", pair.secondFrameIndex());
        r.put("frame_width", pair.frameWidth());
        r.put("frame_height", pair.frameHeight());
        r.put("first_box", toAvro(pair.firstBox()));
        r.put("second_box", toAvro(pair.secondBox()));
        r.put("tracker", pair.tracker());
        r.put("confidence", pair.confidence());
        r.put("proposal_source", pair.proposalSource());
        r.put("image_format", pair.imageFormat());
        r.put("view_size", pair.viewSize());
        r.put("first_view", ByteBuffer.wrap(pair.firstView()));
        r.put("second_view", ByteBuffer.wrap(pair.secondView()));
        return r;
    }

    /** Reads a record of this schema, as decoded from Kafka or read from a Parquet shard. */
    public static PairRecord fromAvro(GenericRecord r) {
        return new PairRecord(
                text(r.get("pair_id")),
                text(r.get("stream_id")),
                PairRecord.Kind.valueOf(r.get("kind").toString()),
                (Long) r.get("shot"),
                (Long) r.get("first_pts_us"),
                (Long) r.get("second_pts_us"),
                (Long) r.get("first_frame_index"),
                (Long) r.get("second_frame_index"),
                (Integer) r.get("frame_width"),
                (Integer) r.get("frame_height"),
                box((GenericRecord) r.get("first_box")),
                box((GenericRecord) r.get("second_box")),
                text(r.get("tracker")),
                (Double) r.get("confidence"),
                text(r.get("proposal_source")),
                text(r.get("image_format")),
                (Integer) r.get("view_size"),
                bytes(r.get("first_view")),
                bytes(r.get("second_view")));
    }

    /** The Kafka value: Avro single-object encoding. */
    public static byte[] encode(PairRecord pair) {
        try {
            // Encoders are cheap and not thread-safe; a fresh one per call keeps this method safe to share.
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), SCHEMA).encode(toAvro(pair));
            return bytes(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException if the bytes are not a single-object-encoded pair record */
    public static PairRecord decode(byte[] value) {
        try {
            GenericRecord r = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), SCHEMA).decode(value);
            return fromAvro(r);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a pair record (" + value.length + " bytes): " + e.getMessage(), e);
        }
    }

    private static GenericRecord toAvro(PairRecord.PairBox box) {
        GenericData.Record r = new GenericData.Record(BOX_SCHEMA);
        r.put("x", box.x());
        r.put("y", box.y());
        r.put("width", box.width());
        r.put("height", box.height());
        return r;
    }

    private static PairRecord.PairBox box(GenericRecord r) {
        return new PairRecord.PairBox((Integer) r.get("x"), (Integer) r.get("y"), (Integer) r.get("width"),
                (Integer) r.get("height"));
    }

    // Avro hands strings back as Utf8 (binary decoder) or String (Parquet), depending on the reader.
    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    private static byte[] bytes(Object o) {
        ByteBuffer buffer = ((ByteBuffer) o).duplicate();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    private static Schema loadSchema() {
        try (InputStream in = PairRecords.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("pair record schema " + SCHEMA_RESOURCE + " is not on the classpath");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
