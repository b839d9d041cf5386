package io.vireo.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vireo.ingest.record.PairRecord.Kind;

/** The video methods' sources: pair streams filtered by kind, and the seeded frame/region mix. */
class PairKindsTest {

    /** Pairs 0–39 in two shards; the odd ones are region-tracked. */
    private static Path shards(Path dir) throws Exception {
        PairShards.write(dir.resolve("b").resolve("pairs-0.parquet"), 0, 23, 24, i -> i % 2 == 1);
        PairShards.write(dir.resolve("b").resolve("pairs-1.parquet"), 23, 40, 24, i -> i % 2 == 1);
        return dir;
    }

    @Test
    void aKindFilterHandsOutEachPairOfThatKindOncePerEpochAndResumesExactly(@TempDir Path dir) throws Exception {
        shards(dir);
        List<Integer> odd = IntStream.range(0, 40).filter(i -> i % 2 == 1).boxed().toList();
        List<Integer> even = IntStream.range(0, 40).filter(i -> i % 2 == 0).boxed().toList();
        try (ParquetPairStream regions = new ParquetPairStream(dir, 3, EnumSet.of(Kind.REGION));
             ParquetPairStream frames = new ParquetPairStream(dir, 3, EnumSet.of(Kind.FRAME))) {
            assertThat(PairShards.take(regions, 20)).containsExactlyInAnyOrderElementsOf(odd);
            assertThat(PairShards.take(regions, 20)).containsExactlyInAnyOrderElementsOf(odd);
            assertThat(PairShards.take(frames, 20)).containsExactlyInAnyOrderElementsOf(even);
        }
        List<Integer> straight;
        try (ParquetPairStream s = new ParquetPairStream(dir, 4, EnumSet.of(Kind.REGION))) {
            straight = PairShards.take(s, 30);
        }
        SourcePosition pos;
        try (ParquetPairStream s = new ParquetPairStream(dir, 4, EnumSet.of(Kind.REGION))) {
            PairShards.take(s, 13);
            pos = s.position();
        }
        try (ParquetPairStream s = new ParquetPairStream(dir, 4, EnumSet.of(Kind.REGION))) {
            s.seek(pos);
            assertThat(PairShards.take(s, 17)).isEqualTo(straight.subList(13, 30));
        }
    }

    /** What --follow / --until-caught-up read for video-region: each region pair once, then caught up. */
    @Test
    void theShardFollowerWithAKindFilterReadsEachPairOfThatKindOnce(@TempDir Path dir) throws Exception {
        shards(dir);
        List<Integer> got = new java.util.ArrayList<>();
        try (ParquetShardFollower s = new ParquetShardFollower(dir, 2, EnumSet.of(Kind.REGION))) {
            for (ViewPair p = s.poll(); p != null; p = s.poll()) {
                got.add(PairShards.grey(p.first()) - 20);
                p.first().close();
                p.second().close();
            }
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 40).filter(i -> i % 2 == 1).boxed().toList());
    }

    @Test
    void shardsWithoutTheKindAreAnErrorNamingDataPath(@TempDir Path dir) throws Exception {
        PairShards.write(dir.resolve("pairs-0.parquet"), 0, 10, 24); // FRAME pairs only
        try (ParquetPairStream s = new ParquetPairStream(dir, 1, EnumSet.of(Kind.REGION))) {
            assertThatThrownBy(s::next).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("data.path")
                    .hasMessageContaining("REGION");
        }
    }

    @Test
    void theMixFollowsRegionShareIsAFunctionOfTheSeedAndResumesExactly(@TempDir Path dir) throws Exception {
        shards(dir);
        List<Integer> straight;
        try (MixedPairStream s = mixed(dir, 0.25, 9)) {
            straight = PairShards.take(s, 120);
        }
        long regions = straight.stream().filter(i -> i % 2 == 1).count();
        // Binomial(120, 0.25): mean 30, sd 4.7.
        assertThat(regions).isBetween(15L, 45L);
        long expected;
        try (MixedPairStream s = mixed(dir, 0.25, 9)) {
            expected = IntStream.range(0, 120).filter(s::isRegion).count();
        }
        assertThat(regions).as("each pick comes from the kind the seeded coin chose").isEqualTo(expected);
        try (MixedPairStream s = mixed(dir, 0.25, 9)) {
            assertThat(PairShards.take(s, 120)).as("same seed, same sequence").isEqualTo(straight);
        }
        try (MixedPairStream s = mixed(dir, 0.25, 10)) {
            assertThat(PairShards.take(s, 120)).as("another seed, another sequence").isNotEqualTo(straight);
        }
        for (int stop : new int[] {0, 7, 57}) {
            SourcePosition pos;
            try (MixedPairStream s = mixed(dir, 0.25, 9)) {
                PairShards.take(s, stop);
                pos = s.position();
            }
            assertThat(pos.offsets()).containsKeys("drawn", "frame.epoch", "region.epoch");
            try (MixedPairStream s = mixed(dir, 0.25, 9)) {
                s.seek(pos);
                assertThat(PairShards.take(s, 120 - stop)).as("resumed after %d", stop).isEqualTo(straight.subList(stop, 120));
            }
        }
        try (MixedPairStream s = mixed(dir, 0.0, 9)) {
            assertThat(PairShards.take(s, 40)).allMatch(i -> i % 2 == 0);
        }
        try (MixedPairStream s = mixed(dir, 1.0, 9)) {
            assertThat(PairShards.take(s, 40)).allMatch(i -> i % 2 == 1);
        }
        assertThatThrownBy(() -> mixed(dir, 1.5, 9)).hasMessageStartingWith("video.regionShare");
    }

    private static MixedPairStream mixed(Path dir, double share, long seed) {
        return new MixedPairStream(new ParquetPairStream(dir, seed, EnumSet.of(Kind.FRAME)),
                new ParquetPairStream(dir, seed, EnumSet.of(Kind.REGION)), share, seed);
    }
}
