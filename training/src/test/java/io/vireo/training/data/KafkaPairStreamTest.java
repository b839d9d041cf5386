package io.vireo.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.vireo.ingest.kafka.testing.KafkaBrokerExtension;
import io.vireo.ingest.kafka.testing.TestKafka;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaPairStreamTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void readsEveryCommittedPairOnceWithItsTwoViewsAndSkipsAbortedOnes(TestKafka kafka) {
        String topic = PairTopic.create(kafka, 3, 40);
        try (KafkaPairStream s = new KafkaPairStream(kafka.bootstrapServers(), topic, TIMEOUT)) {
            assertThat(s.datasetSize()).isEqualTo(-1);
            // take() checks each pair's two views are that pair's; pair 99 would be the aborted one.
            List<Integer> got = PairShards.take(s, 40);
            assertThat(got).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 40).boxed().toList());
            // One partition per turn: pairs i and i+1 come from different partitions.
            for (int k = 0; k + 1 < got.size() - 3; k++) {
                assertThat(got.get(k) % 3).as("pair %d", k).isNotEqualTo(got.get(k + 1) % 3);
            }
            SourcePosition end = s.position();
            long consumed = end.offsets().entrySet().stream().filter(e -> e.getKey().startsWith(KafkaPairStream.PARTITION))
                    .mapToLong(e -> e.getValue()).sum();
            assertThat(consumed).as("offsets include the transaction markers and the aborted pairs").isGreaterThan(40);
        }
    }

    /** The video methods' filter: only one kind, the others' offsets consumed, and a resume continues exactly. */
    @Test
    void aKindFilterHandsOutOnlyThatKindAndResumesExactly(TestKafka kafka) {
        String topic = PairTopic.create(kafka, 3, 40, i -> i % 4 == 1);
        List<Integer> straight;
        try (KafkaPairStream s = new KafkaPairStream(kafka.bootstrapServers(), topic, TIMEOUT,
                java.util.EnumSet.of(io.vireo.ingest.record.PairRecord.Kind.REGION))) {
            straight = PairShards.take(s, 10);
        }
        assertThat(straight).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 40).filter(i -> i % 4 == 1).boxed().toList());
        SourcePosition pos;
        try (KafkaPairStream s = new KafkaPairStream(kafka.bootstrapServers(), topic, TIMEOUT,
                java.util.EnumSet.of(io.vireo.ingest.record.PairRecord.Kind.REGION))) {
            PairShards.take(s, 4);
            pos = s.position();
        }
        try (KafkaPairStream s = new KafkaPairStream(kafka.bootstrapServers(), topic, TIMEOUT,
                java.util.EnumSet.of(io.vireo.ingest.record.PairRecord.Kind.REGION))) {
            s.seek(pos);
            assertThat(PairShards.take(s, 6)).isEqualTo(straight.subList(4, 10));
        }
    }

    @Test
    void pollSaysCaughtUpAndSeesPairsCommittedLater(TestKafka kafka) {
        String topic = PairTopic.create(kafka, 2, 10);
        try (KafkaPairStream s = new KafkaPairStream(kafka.bootstrapServers(), topic, TIMEOUT)) {
            assertThat(PairShards.take(s, 10)).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10).boxed().toList());
            assertThat(s.poll()).as("caught up: only markers and aborted pairs left").isNull();

            PairTopic.append(kafka, topic, 2, 10, 14);
            // commitTransaction returns before the coordinator has written the markers that make the
            // pairs visible to read_committed readers: until then, being caught up is the truth.
            List<Integer> later = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (later.size() < 4 && System.nanoTime() < deadline) {
                ViewPair p = s.poll();
                if (p != null) {
                    later.add(PairShards.grey(p.first()) - 20);
                    p.first().close();
                    p.second().close();
                }
            }
            assertThat(later).containsExactlyInAnyOrder(10, 11, 12, 13);
            assertThat(s.poll()).isNull();
        }
    }

    @Test
    void seekContinuesExactlyFromTheCheckpointedOffsets(TestKafka kafka) {
        String topic = PairTopic.create(kafka, 3, 40);
        List<Integer> straight;
        try (KafkaPairStream s = new KafkaPairStream(kafka.bootstrapServers(), topic, TIMEOUT)) {
            straight = PairShards.take(s, 40);
        }
        for (int stopAfter : new int[] {0, 1, 17, 20, 39}) {
            SourcePosition pos;
            try (KafkaPairStream s = new KafkaPairStream(kafka.bootstrapServers(), topic, TIMEOUT)) {
                PairShards.take(s, stopAfter);
                pos = s.position();
            }
            try (KafkaPairStream resumed = new KafkaPairStream(kafka.bootstrapServers(), topic, TIMEOUT)) {
                resumed.seek(pos);
                assertThat(PairShards.take(resumed, 40 - stopAfter)).as("after %d pairs", stopAfter)
                        .isEqualTo(straight.subList(stopAfter, 40));
            }
        }
    }

    @Test
    void aMissingTopicOrAPositionFromAnotherTopicIsAnErrorNamingTheKey(TestKafka kafka) {
        assertThatThrownBy(() -> new KafkaPairStream(kafka.bootstrapServers(), kafka.uniqueTopicName("absent"),
                Duration.ofSeconds(5))).hasMessageContaining("data.");
        String three = PairTopic.create(kafka, 3, 6);
        String one = PairTopic.create(kafka, 1, 2);
        SourcePosition pos;
        try (KafkaPairStream s = new KafkaPairStream(kafka.bootstrapServers(), three, TIMEOUT)) {
            PairShards.take(s, 4);
            pos = s.position();
        }
        try (KafkaPairStream s = new KafkaPairStream(kafka.bootstrapServers(), one, TIMEOUT)) {
            assertThatThrownBy(() -> s.seek(pos)).hasMessageContaining("data.topic").hasMessageContaining("partition.")
                    .hasMessageContaining(one);
        }
        assertThatThrownBy(() -> new KafkaPairStream(" ", "t", TIMEOUT)).hasMessageContaining("data.bootstrap");
    }
}
