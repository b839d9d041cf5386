package io.vireo.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetPairStreamTest {

    /** Three committed shards of 10, 7 and 13 pairs in a Flink bucket directory, plus an in-progress part. */
    static Path flinkLayout(Path dir) throws Exception {
        Path bucket = dir.resolve("2026-11-25--07");
        PairShards.write(bucket.resolve("pairs-6c1e-0-0.parquet"), 0, 10, 24);
        PairShards.write(bucket.resolve("pairs-6c1e-1-0.parquet"), 10, 17, 24);
        PairShards.write(dir.resolve("2026-11-25--08").resolve("pairs-6c1e-0-1.parquet"), 17, 30, 24);
        // Flink's in-progress part: a hidden file, not a shard until the checkpoint commits it.
        PairShards.write(bucket.resolve(".pairs-6c1e-0-2.parquet.inprogress.0b7f"), 90, 95, 24);
        return dir;
    }

    @Test
    void eachEpochVisitsEveryCommittedPairOnceWithItsOwnTwoViews(@TempDir Path dir) throws Exception {
        try (ParquetPairStream s = new ParquetPairStream(flinkLayout(dir), 7)) {
            assertThat(s.datasetSize()).isEqualTo(30);
            List<Integer> epoch0 = PairShards.take(s, 30); // take() also checks the two views are one pair's
            List<Integer> epoch1 = PairShards.take(s, 30);
            List<Integer> all = IntStream.range(0, 30).boxed().toList();
            assertThat(epoch0).containsExactlyInAnyOrderElementsOf(all);
            assertThat(epoch1).containsExactlyInAnyOrderElementsOf(all);
            assertThat(epoch0).as("shuffled, not in file order").isNotEqualTo(all);
            assertThat(epoch1).as("each epoch its own order").isNotEqualTo(epoch0);
            assertThat(s.position().get(ParquetPairStream.EPOCH)).isEqualTo(1);
        }
    }

    @Test
    void seekContinuesExactlyWhereThePositionWasTaken(@TempDir Path dir) throws Exception {
        flinkLayout(dir);
        for (int stopAfter : new int[] {0, 4, 10, 29, 30, 41}) {
            List<Integer> straight;
            try (ParquetPairStream s = new ParquetPairStream(dir, 3)) {
                straight = PairShards.take(s, 70);
            }
            SourcePosition pos;
            try (ParquetPairStream s = new ParquetPairStream(dir, 3)) {
                PairShards.take(s, stopAfter);
                pos = s.position();
            }
            try (ParquetPairStream resumed = new ParquetPairStream(dir, 3)) {
                resumed.seek(pos);
                assertThat(PairShards.take(resumed, 70 - stopAfter)).as("after %d pairs", stopAfter)
                        .isEqualTo(straight.subList(stopAfter, 70));
            }
        }
    }

    @Test
    void shardsCommittedLaterJoinAtTheNextEpochAndDoNotDisturbAResume(@TempDir Path dir) throws Exception {
        flinkLayout(dir);
        SourcePosition pos;
        List<Integer> rest;
        try (ParquetPairStream s = new ParquetPairStream(dir, 5)) {
            PairShards.take(s, 12);
            pos = s.position();
            rest = PairShards.take(s, 18);
        }
        Path late = dir.resolve("2026-11-25--09").resolve("pairs-6c1e-0-2.parquet");
        PairShards.write(late, 30, 34, 24);
        Files.setLastModifiedTime(late, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        try (ParquetPairStream resumed = new ParquetPairStream(dir, 5)) {
            resumed.seek(pos);
            assertThat(PairShards.take(resumed, 18)).isEqualTo(rest);
            assertThat(PairShards.take(resumed, 34)).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 34).boxed().toList());
        }
    }

    @Test
    void aRemovedShardMakesResumeFailNamingTheDirectory(@TempDir Path dir) throws Exception {
        flinkLayout(dir);
        SourcePosition pos;
        try (ParquetPairStream s = new ParquetPairStream(dir, 5)) {
            PairShards.take(s, 3);
            pos = s.position();
        }
        Files.delete(dir.resolve("2026-11-25--07").resolve("pairs-6c1e-1-0.parquet"));
        try (ParquetPairStream s = new ParquetPairStream(dir, 5)) {
            assertThatThrownBy(() -> s.seek(pos)).hasMessageContaining("data.path").hasMessageContaining(dir.toString());
        }
    }

    @Test
    void aDirectoryWithoutCommittedShardsIsAnError(@TempDir Path dir) throws Exception {
        PairShards.write(dir.resolve(".pairs-x-0-0.parquet.inprogress.1"), 0, 3, 24);
        assertThatThrownBy(() -> new ParquetPairStream(dir, 1)).hasMessageContaining("data.path")
                .hasMessageContaining("no committed Parquet shards");
        assertThatThrownBy(() -> new ParquetPairStream(dir.resolve("missing"), 1)).hasMessageContaining("data.path");
    }
}
