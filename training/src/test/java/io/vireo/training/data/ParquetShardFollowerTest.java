package io.vireo.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetShardFollowerTest {

    private static final long T0 = 1_790_000_000_000L;

    /** Writes pairs from … to-1 as a shard stamped {@code T0 + seconds}. */
    private static void shard(Path root, String name, int from, int to, int seconds) throws Exception {
        Path file = root.resolve("2026-11-25--09").resolve(name);
        PairShards.write(file, from, to, 16);
        Files.setLastModifiedTime(file, FileTime.fromMillis(T0 + seconds * 1000L));
    }

    /** Pair indices handed out until the follower is caught up. */
    private static List<Integer> drain(ParquetShardFollower follower) {
        List<Integer> got = new ArrayList<>();
        for (ViewPair pair = follower.poll(); pair != null; pair = follower.poll()) {
            got.add(PairShards.grey(pair.first()) - 20);
            pair.first().close();
            pair.second().close();
        }
        return got;
    }

    @Test
    void readsEveryShardOnceInArrivalOrderAndPicksUpLateCommits(@TempDir Path root) throws Exception {
        shard(root, "part-a-0.parquet", 0, 10, 0);
        shard(root, "part-b-0.parquet", 10, 20, 10);
        Files.createDirectories(root.resolve("2026-11-25--09/.part-c-1.parquet.inprogress"));
        ParquetShardFollower follower = new ParquetShardFollower(root, 7);

        List<Integer> first = drain(follower);
        assertThat(first.subList(0, 10)).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10).boxed().toList());
        assertThat(first.subList(10, 20)).containsExactlyInAnyOrderElementsOf(IntStream.range(10, 20).boxed().toList());
        assertThat(first.subList(0, 10)).as("rows permuted within a shard").isNotEqualTo(IntStream.range(0, 10).boxed().toList());
        assertThat(follower.poll()).as("caught up").isNull();

        // Another subtask's part file, written before b but committed after it was read.
        shard(root, "part-c-0.parquet", 20, 25, 5);
        assertThat(drain(follower)).containsExactlyInAnyOrderElementsOf(IntStream.range(20, 25).boxed().toList());
        assertThat(follower.position().offsets().keySet()).contains("done:2026-11-25--09/part-a-0.parquet",
                "done:2026-11-25--09/part-b-0.parquet");
    }

    @Test
    void seekContinuesExactlyInsideAndBetweenShards(@TempDir Path root) throws Exception {
        shard(root, "part-a-0.parquet", 0, 10, 0);
        shard(root, "part-b-0.parquet", 10, 17, 10);
        List<Integer> straight = drain(new ParquetShardFollower(root, 3));
        assertThat(straight).hasSize(17);
        for (int stopAfter : new int[] {0, 4, 10, 11, 17}) {
            ParquetShardFollower first = new ParquetShardFollower(root, 3);
            for (int i = 0; i < stopAfter; i++) {
                first.poll();
            }
            ParquetShardFollower resumed = new ParquetShardFollower(root, 3);
            resumed.seek(first.position());
            assertThat(drain(resumed)).as("after %d pairs", stopAfter).isEqualTo(straight.subList(stopAfter, 17));
        }
    }

    @Test
    void refusesAnEpochPositionAndAShardThatVanished(@TempDir Path root) throws Exception {
        shard(root, "part-a-0.parquet", 0, 10, 0);
        ParquetShardFollower follower = new ParquetShardFollower(root, 1);

        assertThatThrownBy(() -> follower.seek(new SourcePosition(Map.of("epoch", 0L, "shard", 1L, "row", 2L))))
                .hasMessageContaining("data.path").hasMessageContaining("epochs");
        assertThatThrownBy(() -> follower.seek(new SourcePosition(Map.of("current:gone.parquet", 2L))))
                .hasMessageContaining("gone.parquet").hasMessageContaining("no longer");
        assertThatThrownBy(() -> new ParquetShardFollower(root.resolve("nope"), 1)).hasMessageContaining("data.path");
    }
}
