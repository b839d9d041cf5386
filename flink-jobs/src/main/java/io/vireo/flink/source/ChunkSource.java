package io.vireo.flink.source;

import io.vireo.flink.PairJobConfig;
import io.vireo.flink.record.RecordTypes;
import io.vireo.ingest.kafka.MessageLimits;
import io.vireo.ingest.record.ChunkRecords;
import io.vireo.ingest.record.MalformedChunkRecordException;
import io.vireo.ingest.record.VideoChunk;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Kafka source of chunk records. */
public final class ChunkSource {

    private ChunkSource() {
    }

    /**
     * Reads {@code chunk-topic} from the group's committed offsets (earliest for a new group).
     * Bounded: stops at the end offsets the topic had when the job started, so a quickstart or a
     * test finishes once it has processed what was ingested. Unbounded: follows the topic.
     */
    public static KafkaSource<VideoChunk> kafka(PairJobConfig config) {
        KafkaSourceBuilder<VideoChunk> builder = KafkaSource.<VideoChunk>builder()
                .setBootstrapServers(config.bootstrapServers())
                .setTopics(config.chunkTopic())
                .setGroupId(config.consumerGroup())
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new ChunkDeserializer())
                // Chunks from a transactional ingest must not be read before they commit.
                .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Chunks are MiBs: the consumer must accept the largest message the topic allows.
        MessageLimits.defaults().consumerConfig().forEach(builder::setProperty);
        if (config.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * Turns Kafka records into chunks. A record without the chunk headers is not a chunk: it is
     * logged and skipped, never allowed to fail (and endlessly restart) the job.
     */
    static final class ChunkDeserializer implements KafkaRecordDeserializationSchema<VideoChunk> {
        private static final long serialVersionUID = 1L;
        private static final Logger LOG = LoggerFactory.getLogger(ChunkDeserializer.class);

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<VideoChunk> out) {
            String where = record.topic() + "-" + record.partition() + "@" + record.offset();
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            try {
                out.collect(ChunkRecords.fromParts(key, record.headers(), record.value(), where));
            } catch (MalformedChunkRecordException | IllegalArgumentException e) {
                LOG.warn("Skipping a record that is not a chunk: {}", e.getMessage());
            }
        }

        @Override
        public TypeInformation<VideoChunk> getProducedType() {
            return RecordTypes.CHUNK;
        }
    }
}
