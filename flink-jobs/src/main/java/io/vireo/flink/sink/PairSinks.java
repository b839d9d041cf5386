package io.vireo.flink.sink;

import io.vireo.flink.PairJobConfig;
import io.vireo.ingest.kafka.MessageLimits;
import io.vireo.ingest.record.PairRecord;
import io.vireo.ingest.record.PairRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The two places pairs go: a Kafka topic for streaming trainers, Parquet shards for offline ones. */
public final class PairSinks {

    /**
     * Kafka transactions must outlive a checkpoint interval plus recovery, but stay below the
     * broker's {@code transaction.max.timeout.ms} (15 min by default), or the producer is refused.
     */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(10);

    private PairSinks() {
    }

    /**
     * Exactly-once Kafka sink: pairs of a checkpoint become visible to {@code read_committed}
     * consumers when that checkpoint completes, and a failure in between aborts them, so a
     * restart neither loses nor duplicates pairs. Key = stream id, so one stream's pairs stay in
     * one partition, in order; value = {@link PairRecords#encode}.
     */
    public static KafkaSink<PairRecord> kafka(PairJobConfig config) {
        KafkaRecordSerializationSchema<PairRecord> serializer = KafkaRecordSerializationSchema.<PairRecord>builder()
                .setTopic(config.pairTopic())
                .setKeySerializationSchema(new StreamIdKey())
                .setValueSerializationSchema(new AvroValue())
                .build();
        var builder = KafkaSink.<PairRecord>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.transactionalIdPrefix())
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(TRANSACTION_TIMEOUT.toMillis()));
        MessageLimits.defaults().producerConfig().forEach(builder::setProperty);
        return builder.build();
    }

    /**
     * Rolling Parquet shards under {@code shard-dir}, one bucket directory per day
     * ({@code yyyy-MM-dd--HH} by default: Flink's date-time bucketing). A bulk format can only roll
     * on checkpoints, so shards are exactly the pairs of one checkpoint per subtask, and only
     * committed (renamed from in-progress) when the checkpoint completes: exactly once too.
     */
    public static FileSink<PairRecord> parquet(PairJobConfig config) {
        return FileSink.forBulkFormat(new Path(config.shardDir()), new PairParquetWriter.Factory())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartPrefix("pairs").withPartSuffix(".parquet").build())
                .build();
    }

    // Named classes, not lambdas: Flink infers the serialized type from them, which it cannot for a lambda.

    /** Key: the stream id, UTF-8. */
    static final class StreamIdKey implements SerializationSchema<PairRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(PairRecord pair) {
            return pair.streamId().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Value: the pair record in Avro single-object encoding. */
    static final class AvroValue implements SerializationSchema<PairRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(PairRecord pair) {
            return PairRecords.encode(pair);
        }
    }
}
