package io.vireo.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vireo.flink.PairJobConfig.InvalidJobConfigException;
import io.vireo.flink.record.RecordTypes;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class PairJobConfigTest {

    @Test
    void parsesOptionsAndKeepsDefaultsForTheRest() {
        PairJobConfig config = PairJobConfig.fromMap(Map.of("gap-timeout", "45 s", "sample-fps", "5"));

        assertThat(config.gapTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.sampleFps()).isEqualTo(5.0);
        assertThat(config.inactivityTimeout()).isEqualTo(PairJobConfig.DEFAULTS.inactivityTimeout());
    }

    @Test
    void namesEveryInvalidOptionAtOnce() {
        assertThatThrownBy(() -> new PairJobConfig(Duration.ZERO, Duration.ofSeconds(-1), 0, 0, 0))
                .isInstanceOfSatisfying(InvalidJobConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "gap-timeout must be > 0, got 0 ms",
                        "inactivity-timeout must be > 0, got -1 s",
                        "max-pending-chunks must be >= 1, got 0",
                        "decode-threads must be >= 1, got 0",
                        "sample-fps must be > 0, got 0.0"));
    }

    @Test
    void unparsableUnknownAndOutOfRangeOptionsAreAllReported() {
        assertThatThrownBy(() -> PairJobConfig.fromMap(Map.of(
                "gap-timeout", "soon", "sample-fps", "0", "sample-rate", "3")))
                .isInstanceOfSatisfying(InvalidJobConfigException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "gap-timeout is not valid: 'soon'",
                                "unknown option 'sample-rate'",
                                "sample-fps must be > 0, got 0.0"))
                .hasMessageContaining("sample-fps must be > 0, got 0");
    }

    @Test
    void recordsInStateAndOnTheWireUseThePojoSerializerNotKryo() {
        assertThat(RecordTypes.CHUNK).isInstanceOf(PojoTypeInfo.class);
        assertThat(RecordTypes.FRAME).isInstanceOf(PojoTypeInfo.class);
        assertThat(RecordTypes.GAP).isInstanceOf(PojoTypeInfo.class);
        assertThat(RecordTypes.DECODE_ERROR).isInstanceOf(PojoTypeInfo.class);
    }
}
