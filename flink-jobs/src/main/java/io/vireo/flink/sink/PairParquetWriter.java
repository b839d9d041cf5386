package io.vireo.flink.sink;

import io.vireo.ingest.record.PairRecord;
import io.vireo.ingest.record.PairRecords;
import java.io.IOException;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.avro.AvroParquetWriters;

/**
 * Writes pair records to Parquet through the pair record's Avro schema, so the shards have
 * exactly the columns of {@code PairRecord.avsc} and parquet-avro (or Spark, DuckDB, pyarrow)
 * reads them back. The stream itself stays of {@link PairRecord} (Flink's POJO serializer, no
 * Kryo); the mapping to Avro happens only here, at the edge.
 */
final class PairParquetWriter implements BulkWriter<PairRecord> {

    private final BulkWriter<GenericRecord> avro;

    private PairParquetWriter(BulkWriter<GenericRecord> avro) {
        this.avro = avro;
    }

    @Override
    public void addElement(PairRecord pair) throws IOException {
        avro.addElement(PairRecords.toAvro(pair));
    }

    @Override
    public void flush() throws IOException {
        avro.flush();
    }

    @Override
    public void finish() throws IOException {
        avro.finish();
    }

    static final class Factory implements BulkWriter.Factory<PairRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public BulkWriter<PairRecord> create(FSDataOutputStream out) throws IOException {
            // The Avro Schema is not serializable; look it up on the task, not in the job graph.
            return new PairParquetWriter(AvroParquetWriters.forGenericRecord(PairRecords.SCHEMA).create(out));
        }
    }
}
