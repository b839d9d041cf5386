package io.vireo.flink.record;

import io.vireo.ingest.record.PairRecord;
import io.vireo.ingest.record.VideoChunk;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Flink type information of the records that cross operators or live in state.
 *
 * <p>All are Java records, which Flink 2.x serializes with its POJO serializer (fields by name,
 * rebuilt through the canonical constructor): no Kryo fallback, byte arrays written as one
 * length-prefixed copy, and added fields are a supported schema evolution for checkpoints and
 * savepoints. Jobs run with {@code pipeline.generic-types: false} in tests to prove no Kryo
 * fallback sneaks in.
 */
public final class RecordTypes {

    public static final TypeInformation<VideoChunk> CHUNK = TypeInformation.of(VideoChunk.class);
    public static final TypeInformation<DecodedFrame> FRAME = TypeInformation.of(DecodedFrame.class);
    public static final TypeInformation<ChunkGap> GAP = TypeInformation.of(ChunkGap.class);
    public static final TypeInformation<DecodeError> DECODE_ERROR = TypeInformation.of(DecodeError.class);
    public static final TypeInformation<ShotFrame> SHOT_FRAME = TypeInformation.of(ShotFrame.class);
    public static final TypeInformation<PairRecord> PAIR = TypeInformation.of(PairRecord.class);

    private RecordTypes() {
    }
}
