package io.vireo.training.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import io.vireo.ingest.record.PairRecord;

/**
 * The pair builder's Parquet shards as a stream, for continuous and scheduled training: every
 * committed shard once, in arrival order (modification time, then path), new shards joining as
 * Flink commits them. {@link #poll()} returns null once every committed shard is used up;
 * {@link #next()} then waits for the next one. {@link ParquetPairStream} is the other way to read
 * shards: epochs over a fixed collection.
 *
 * <p>Position: {@code done:PATH} for every shard used up (paths relative to the root), and
 * {@code current:PATH} = rows handed out of the shard being read. A set of names rather than a
 * count in arrival order, because Flink's subtasks commit their part files one by one: a shard can
 * become visible after a newer one has already been read. Rows come in a permutation derived from
 * (seed, shard path), so a row count is enough to continue inside a shard. Shards deleted since
 * (retention) drop out of the set.
 */
public final class ParquetShardFollower implements PairStream {
    static final String DONE = "done:";
    static final String CURRENT = "current:";
    private static final Duration WAIT = Duration.ofMillis(500);

    private final Path root;
    private final long seed;
    private final java.util.Set<PairRecord.Kind> kinds;
    private final TreeSet<String> done = new TreeSet<>();
    private String current;
    private List<PairRecord> rows;
    private int[] order;
    private int row;

    public ParquetShardFollower(Path root, long seed) {
        this(root, seed, java.util.EnumSet.allOf(PairRecord.Kind.class));
    }

    /** Only the pairs of {@code kinds} (the video methods); the others are passed over in the same order. */
    public ParquetShardFollower(Path root, long seed, java.util.Set<PairRecord.Kind> kinds) {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("pair kinds: at least one of " + java.util.EnumSet.allOf(PairRecord.Kind.class));
        }
        this.kinds = java.util.EnumSet.copyOf(kinds);
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("data.path: no such directory " + root);
        }
        this.root = root;
        this.seed = seed;
    }

    @Override
    public ViewPair poll() {
        while (true) {
            if (rows != null && row < rows.size()) {
                PairRecord pair = rows.get(order[row++]);
                if (!kinds.contains(pair.kind())) {
                    continue;
                }
                return EncodedViews.decode(pair, root.resolve(current).toString());
            }
            if (rows != null) {
                done.add(current);
                current = null;
                rows = null;
            }
            String shard = nextShard();
            if (shard == null) {
                return null;
            }
            open(shard, 0);
        }
    }

    @Override
    public ViewPair next() {
        try {
            ViewPair pair;
            while ((pair = poll()) == null) {
                Thread.sleep(WAIT.toMillis()); // caught up: wait for the pair builder's next commit
            }
            return pair;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pair shards in " + root, e);
        }
    }

    /** The oldest committed shard not read yet, or null; forgets finished shards that are gone. */
    private String nextShard() {
        List<String> listed = ParquetPairStream.shards(root, Integer.MAX_VALUE).stream()
                .map(p -> root.relativize(p).toString()).toList();
        done.retainAll(listed);
        return listed.stream().filter(s -> !done.contains(s)).findFirst().orElse(null);
    }

    private void open(String shard, int startRow) {
        rows = ParquetPairStream.read(root.resolve(shard));
        order = ShuffledImageStream.permutation(rows.size(), new SplittableRandom(seed * 0x9E3779B97F4A7C15L + shard.hashCode()));
        current = shard;
        row = startRow;
    }

    @Override
    public SourcePosition position() {
        Map<String, Long> m = new HashMap<>();
        done.forEach(s -> m.put(DONE + s, 1L));
        if (current != null) {
            m.put(CURRENT + current, (long) row);
        }
        return new SourcePosition(m);
    }

    @Override
    public void seek(SourcePosition position) {
        done.clear();
        current = null;
        rows = null;
        for (Map.Entry<String, Long> e : position.offsets().entrySet()) {
            if (e.getKey().startsWith(DONE)) {
                done.add(e.getKey().substring(DONE.length()));
            } else if (e.getKey().startsWith(CURRENT)) {
                String shard = e.getKey().substring(CURRENT.length());
                if (!Files.isRegularFile(root.resolve(shard))) {
                    throw new IllegalArgumentException("data.path: the checkpoint was reading shard " + shard
                            + ", which is no longer under " + root);
                }
                open(shard, Math.toIntExact(e.getValue()));
            } else {
                throw new IllegalArgumentException("data.path: the checkpoint's source position (" + position.offsets().keySet()
                        + ") is not one of a shard-following run (it comes from a fixed-steps run over epochs); "
                        + "continue it without --follow/--until-caught-up, or start a new output.dir");
            }
        }
    }

    /** Unbounded: shards keep arriving. */
    @Override
    public long datasetSize() {
        return -1;
    }
}
