package io.vireo.ingest.record;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Maps {@link VideoChunk} to and from Kafka records. Header values are UTF-8 text so that any
 * client (kcat, Python) can read them without Vireo's code.
 */
public final class ChunkRecords {

    public static final String DEFAULT_TOPIC = "vireo.video.chunks";

    public static final String H_SEQUENCE = "vireo.seq";
    public static final String H_FIRST_PTS_US = "vireo.first_pts_us";
    public static final String H_DURATION_US = "vireo.duration_us";
    public static final String H_CODEC = "vireo.codec";
    public static final String H_CONTAINER = "vireo.container";
    public static final String H_WIDTH = "vireo.width";
    public static final String H_HEIGHT = "vireo.height";
    public static final String H_FRAME_RATE = "vireo.frame_rate";
    public static final String H_ROTATION = "vireo.rotation";
    public static final String H_FRAMES = "vireo.frames";
    public static final String H_SOURCE = "vireo.source";

    private ChunkRecords() {
    }

    public static ProducerRecord<String, byte[]> toRecord(String topic, VideoChunk chunk) {
        return toRecord(topic, null, chunk);
    }

    /** @param partition the partition to write to, or null to leave it to the producer's partitioner */
    public static ProducerRecord<String, byte[]> toRecord(String topic, Integer partition, VideoChunk chunk) {
        Headers headers = new RecordHeaders();
        put(headers, H_SEQUENCE, Long.toString(chunk.sequence()));
        put(headers, H_FIRST_PTS_US, Long.toString(chunk.firstPtsMicros()));
        put(headers, H_DURATION_US, Long.toString(chunk.durationMicros()));
        put(headers, H_CODEC, chunk.codec());
        put(headers, H_CONTAINER, chunk.container());
        put(headers, H_WIDTH, Integer.toString(chunk.width()));
        put(headers, H_HEIGHT, Integer.toString(chunk.height()));
        put(headers, H_FRAME_RATE, Double.toString(chunk.frameRate()));
        put(headers, H_ROTATION, Integer.toString(chunk.rotationDegrees()));
        put(headers, H_FRAMES, Integer.toString(chunk.frameCount()));
        put(headers, H_SOURCE, chunk.source());
        return new ProducerRecord<>(topic, partition, chunk.streamId(), chunk.payload(), headers);
    }

    public static VideoChunk fromRecord(ConsumerRecord<String, byte[]> record) {
        return fromParts(record.key(), record.headers(), record.value(), record.topic() + "-" + record.partition() + "@" + record.offset());
    }

    /**
     * @param where names the record in error messages (topic-partition@offset)
     * @throws MalformedChunkRecordException naming the missing or unreadable header
     */
    public static VideoChunk fromParts(String key, Headers headers, byte[] value, String where) {
        if (key == null) {
            throw new MalformedChunkRecordException(where + ": chunk record has no key (stream id)");
        }
        if (value == null) {
            throw new MalformedChunkRecordException(where + ": chunk record of stream '" + key + "' has no value");
        }
        return new VideoChunk(
                key,
                longHeader(headers, H_SEQUENCE, where),
                longHeader(headers, H_FIRST_PTS_US, where),
                longHeader(headers, H_DURATION_US, where),
                text(headers, H_CONTAINER, where),
                text(headers, H_CODEC, where),
                (int) longHeader(headers, H_WIDTH, where),
                (int) longHeader(headers, H_HEIGHT, where),
                doubleHeader(headers, H_FRAME_RATE, where),
                (int) longHeader(headers, H_ROTATION, where),
                (int) longHeader(headers, H_FRAMES, where),
                text(headers, H_SOURCE, where),
                value);
    }

    /** The sequence number alone, without parsing the rest; for scans over many records. */
    public static long sequenceOf(Headers headers, String where) {
        return longHeader(headers, H_SEQUENCE, where);
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Headers headers, String name, String where) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            throw new MalformedChunkRecordException(where + ": chunk record lacks header '" + name + "'");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long longHeader(Headers headers, String name, String where) {
        String raw = text(headers, name, where);
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new MalformedChunkRecordException(where + ": header '" + name + "' is not an integer: '" + raw + "'");
        }
    }

    private static double doubleHeader(Headers headers, String name, String where) {
        String raw = text(headers, name, where);
        try {
            return Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new MalformedChunkRecordException(where + ": header '" + name + "' is not a number: '" + raw + "'");
        }
    }
}
