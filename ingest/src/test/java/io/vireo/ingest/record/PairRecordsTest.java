package io.vireo.ingest.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class PairRecordsTest {

    private static PairRecord region() {
        return new PairRecord("s/region/3-9/0", "s", PairRecord.Kind.REGION, 2, 120_000, 480_000, 3, 9, 320, 240,
                new PairRecord.PairBox(10, 20, 30, 40), new PairRecord.PairBox(12, 21, 30, 41), "csrt", 0.87, "edges",
                "jpeg", 96, new byte[] {1, 2, 3}, new byte[] {4, 5});
    }

    private static PairRecord frame() {
        return new PairRecord("s/frame/3-9", "s", PairRecord.Kind.FRAME, 0, 120_000, 480_000, 3, 9, 320, 240,
                new PairRecord.PairBox(40, 0, 240, 240), new PairRecord.PairBox(40, 0, 240, 240), null, null, null,
                "jpeg", 96, new byte[] {7}, new byte[] {8, 9});
    }

    @Test
    void singleObjectEncodingRoundTripsBothKinds() {
        for (PairRecord pair : new PairRecord[] {region(), frame()}) {
            byte[] bytes = PairRecords.encode(pair);
            // Avro single-object encoding: marker C3 01, then the schema fingerprint.
            assertThat(bytes[0]).isEqualTo((byte) 0xC3);
            assertThat(bytes[1]).isEqualTo((byte) 0x01);
            assertThat(PairRecords.decode(bytes)).isEqualTo(pair);
        }
    }

    @Test
    void avroRecordsFollowTheSchema() {
        GenericRecord avro = PairRecords.toAvro(region());
        assertThat(avro.getSchema()).isEqualTo(PairRecords.SCHEMA);
        assertThat(avro.get("kind").toString()).isEqualTo("REGION");
        assertThat(PairRecords.fromAvro(avro)).isEqualTo(region());
    }

    @Test
    void garbageIsRejectedWithAClearError() {
        assertThatThrownBy(() -> PairRecords.decode(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a pair record");
    }

    @Test
    void regionPairsNeedTheirTrackerAndViewsMustBeInOrder() {
        assertThatThrownBy(() -> new PairRecord("x", "s", PairRecord.Kind.REGION, 0, 1, 2, 0, 1, 8, 8,
                new PairRecord.PairBox(0, 0, 1, 1), new PairRecord.PairBox(0, 0, 1, 1), null, null, null, "jpeg", 8,
                new byte[0], new byte[0])).hasMessageContaining("REGION pairs need tracker and confidence");
        assertThatThrownBy(() -> new PairRecord("x", "s", PairRecord.Kind.FRAME, 0, 2, 2, 0, 1, 8, 8,
                new PairRecord.PairBox(0, 0, 1, 1), new PairRecord.PairBox(0, 0, 1, 1), null, null, null, "jpeg", 8,
                new byte[0], new byte[0])).hasMessageContaining("view 2 must be later than view 1");
    }
}
