package io.vireo.ingest.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class ChunkRecordsTest {

    private static final VideoChunk CHUNK = new VideoChunk("cam-1", 7, 14_000_000, 2_000_000, "mpegts", "h264",
            640, 360, 25.0, 90, 50, "/videos/cam-1.mp4", new byte[] {0x47, 1, 2, 3});

    @Test
    void roundTripsEveryField() {
        ProducerRecord<String, byte[]> produced = ChunkRecords.toRecord("t", CHUNK);
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>("t", 0, 42, produced.key(), produced.value());
        produced.headers().forEach(h -> consumed.headers().add(h));

        assertThat(ChunkRecords.fromRecord(consumed)).isEqualTo(CHUNK);
        assertThat(ChunkRecords.sequenceOf(consumed.headers(), "t-0@42")).isEqualTo(7);
    }

    @Test
    void missingHeaderIsNamedWithTheRecordPosition() {
        ConsumerRecord<String, byte[]> bare = new ConsumerRecord<>("t", 3, 9, "cam-1", new byte[] {1});

        assertThatThrownBy(() -> ChunkRecords.fromRecord(bare))
                .isInstanceOf(MalformedChunkRecordException.class)
                .hasMessageContaining("t-3@9")
                .hasMessageContaining(ChunkRecords.H_SEQUENCE);
    }

    @Test
    void unparsableHeaderIsNamed() {
        ProducerRecord<String, byte[]> produced = ChunkRecords.toRecord("t", CHUNK);
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>("t", 0, 1, produced.key(), produced.value());
        produced.headers().forEach(h -> {
            if (!h.key().equals(ChunkRecords.H_WIDTH)) {
                consumed.headers().add(h);
            }
        });
        consumed.headers().add(ChunkRecords.H_WIDTH, "wide".getBytes());

        assertThatThrownBy(() -> ChunkRecords.fromRecord(consumed))
                .hasMessageContaining(ChunkRecords.H_WIDTH)
                .hasMessageContaining("wide");
    }
}
