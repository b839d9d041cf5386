package io.vireo.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vireo.flink.PairJobConfig.InvalidJobConfigException;
import io.vireo.flink.record.RecordTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.vireo.ingest.record.PairRecord;
import io.vireo.tracking.track.TrackerKind;
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
        assertThatThrownBy(() -> PairJobConfig.DEFAULTS.toBuilder().gapTimeout(Duration.ZERO)
                .inactivityTimeout(Duration.ofSeconds(-1)).maxPendingChunks(0).decodeThreads(0).sampleFps(0)
                .parquetSink(true).pairKinds(Set.of()).minDelta(Duration.ofSeconds(3)).viewSize(4)
                .proposalsPerFrame(0).proposalMinTextured(1.2).minRedetectionIou(-0.5).regionAnchorInterval(Duration.ofMillis(-200)).shotCutThreshold(1.5).parallelism(0).bootstrapServers(" ").build())
                .isInstanceOfSatisfying(InvalidJobConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "gap-timeout must be > 0, got 0 ms",
                        "inactivity-timeout must be > 0, got -1 s",
                        "max-pending-chunks must be >= 1, got 0",
                        "decode-threads must be >= 1, got 0",
                        "sample-fps must be > 0, got 0.0",
                        "bootstrap-servers must not be empty",
                        "shard-dir must be set when parquet-sink is true",
                        "pair-kinds must name at least one of frame, region",
                        "max-dt must be >= min-dt (3 s), got 2 s",
                        "view-size must be in [8, 4096], got 4",
                        "proposals-per-frame must be >= 1, got 0",
                        "proposal-min-textured must be in [0, 1], got 1.2",
                        "min-redetection-iou must be in [0, 1], got -0.5",
                        "region-anchor-interval must be >= 0, got -200 ms",
                        "shot-cut-threshold must be in (0, 1], got 1.5",
                        "parallelism must be >= 1, got 0"));
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
    void readsPairOptionsFromArguments() {
        PairJobConfig config = PairJobConfig.fromMap(PairJobConfig.parseArgs(
                "--bootstrap-servers", "k1:9092,k2:9092", "--pair-kinds=region", "--tracker", "KCF",
                "--min-dt", "200 ms", "--max-dt", "1 s", "--parquet-sink", "true", "--shard-dir", "/tmp/shards",
                "--kafka-sink", "false", "--bounded", "true", "--view-size", "128", "--checkpoint-interval", "5 s",
                "--region-anchor-interval", "250 ms"));

        assertThat(config.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(config.pairKinds()).containsExactly(PairRecord.Kind.REGION);
        assertThat(config.tracker()).isEqualTo(TrackerKind.KCF);
        assertThat(config.minDelta()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.maxDelta()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.parquetSink()).isTrue();
        assertThat(config.kafkaSink()).isFalse();
        assertThat(config.bounded()).isTrue();
        assertThat(config.viewSize()).isEqualTo(128);
        assertThat(config.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.regionAnchorInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void badPairOptionsAreNamedAndNoSinkFailsBeforeSubmission() {
        assertThatThrownBy(() -> PairJobConfig.fromMap(Map.of("tracker", "goturn", "pair-kinds", "frame,clip",
                "kafka-sink", "yes")))
                .isInstanceOfSatisfying(InvalidJobConfigException.class, e -> assertThat(e.problems())
                        .containsExactlyInAnyOrder(
                                "tracker must be one of csrt, kcf, mil; got 'goturn'",
                                "pair-kinds is not valid: 'frame,clip'",
                                "kafka-sink is not valid: 'yes'"));
        PairJobConfig noSink = PairJobConfig.DEFAULTS.toBuilder().kafkaSink(false).parquetSink(false).build();
        assertThatThrownBy(() -> PairJobRunner.jobGraph(noSink))
                .isInstanceOf(InvalidJobConfigException.class)
                .hasMessageContaining("no sink enabled: set kafka-sink or parquet-sink to true");
        assertThatThrownBy(() -> PairJobConfig.parseArgs("--seed"))
                .hasMessageContaining("seed has no value");
    }

    @Test
    void theJobGraphHasOneNamedOperatorPerStepAndBothSinks() {
        PairJobConfig config = PairJobConfig.DEFAULTS.toBuilder().parquetSink(true).shardDir("/tmp/vireo-shards").build();
        List<String> names = new java.util.ArrayList<>();
        PairJobRunner.jobGraph(config).getVertices().forEach(v -> names.add(v.getName()));
        String all = String.join(" | ", names);
        for (String step : List.of("sequence-chunks", "decode-sample", "detect-shots", "frame-pairs",
                "region-pairs", "pair-kafka-sink", "pair-parquet-sink")) {
            assertThat(all).contains(step);
        }
    }

    @Test
    void recordsInStateAndOnTheWireUseThePojoSerializerNotKryo() {
        assertThat(RecordTypes.SHOT_FRAME).isInstanceOf(PojoTypeInfo.class);
        assertThat(RecordTypes.PAIR).isInstanceOf(PojoTypeInfo.class);
        assertThat(RecordTypes.CHUNK).isInstanceOf(PojoTypeInfo.class);
        assertThat(RecordTypes.FRAME).isInstanceOf(PojoTypeInfo.class);
        assertThat(RecordTypes.GAP).isInstanceOf(PojoTypeInfo.class);
        assertThat(RecordTypes.DECODE_ERROR).isInstanceOf(PojoTypeInfo.class);
    }
}
