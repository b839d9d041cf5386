package io.vireo.training.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

import io.vireo.ingest.record.PairRecord;
import io.vireo.ingest.record.PairRecords;

/**
 * Epochs over the Parquet pair shards that flink-jobs' FileSink writes ({@code PairSinks.parquet}):
 * every committed {@code *.parquet} file under the root, recursively (bucket directories); hidden
 * files — Flink's in-progress and pending parts — are not shards yet and are skipped.
 *
 * <p>Order: Flink writes each stream's pairs next to each other, so reading shards front to back
 * would fill batches (and the MoCo queue) with near-duplicates. Each epoch therefore visits the
 * shards in a permutation derived from (seed, epoch), and the rows of a shard in a permutation
 * derived from (seed, epoch, shard slot). A shard is loaded whole to permute it; shards hold the
 * pairs of one Flink checkpoint, which is small.
 *
 * <p>Position: epoch, shard slot, row slot, plus the number of shards the epoch uses and a hash of
 * their names. Shards keep arriving while Flink runs, so an epoch's shard list is fixed when the
 * epoch starts: the shards ordered by (modification time, path), and on resume the first
 * {@code shards} of that order, checked against the hash. New shards join at the next epoch.
 */
public final class ParquetPairStream implements PairStream {
    static final String EPOCH = "epoch";
    static final String SHARD = "shard";
    static final String ROW = "row";
    static final String SHARDS = "shards";
    static final String LISTING_HASH = "listingHash";

    private final Path root;
    private final long seed;
    private final Set<PairRecord.Kind> kinds;
    /** Records passed over since the last one of {@link #kinds}: a whole listing's worth means there are none. */
    private long skippedInARow;
    private long listingRows = -1;
    private long epoch;
    private int shardSlot;
    private int rowSlot;
    private List<Path> listing;
    private long listingHash;
    private int[] shardOrder;
    private List<PairRecord> rows;
    private int[] rowOrder;

    public ParquetPairStream(Path root, long seed) {
        this(root, seed, EnumSet.allOf(PairRecord.Kind.class));
    }

    /**
     * Only the pairs of {@code kinds} (the video methods train on frame-level or region-tracked pairs);
     * the others are passed over in the same order, so the position and a resume stay exact.
     */
    public ParquetPairStream(Path root, long seed, Set<PairRecord.Kind> kinds) {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("pair kinds: at least one of " + EnumSet.allOf(PairRecord.Kind.class));
        }
        this.kinds = EnumSet.copyOf(kinds);
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("data.path: no such directory " + root);
        }
        this.root = root;
        this.seed = seed;
        startEpoch(0, shards(root, Integer.MAX_VALUE));
    }

    /** Committed shards under {@code root}, by (modification time, path), at most {@code limit}. */
    static List<Path> shards(Path root, int limit) {
        record Shard(Path path, FileTime modified) {
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Shard> found = new ArrayList<>();
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> isCommittedShard(root, p)).toList()) {
                found.add(new Shard(p, Files.getLastModifiedTime(p)));
            }
            return found.stream()
                    .sorted(Comparator.comparing(Shard::modified).thenComparing(s -> root.relativize(s.path()).toString()))
                    .limit(limit).map(Shard::path).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("data.path: cannot list " + root, e);
        }
    }

    static boolean isCommittedShard(Path root, Path p) {
        if (!p.getFileName().toString().endsWith(".parquet")) {
            return false;
        }
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return false; // Flink's ".part-…inprogress…" files, or anything in a hidden directory
            }
        }
        return true;
    }

    private void startEpoch(long e, List<Path> shards) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("data.path: no committed Parquet shards (*.parquet) under " + root);
        }
        epoch = e;
        listing = shards;
        listingHash = hash(root, shards);
        shardOrder = ShuffledImageStream.permutation(shards.size(), new SplittableRandom(mix(seed, e, -1)));
        shardSlot = 0;
        rowSlot = 0;
        rows = null;
        listingRows = -1;
    }

    private static long hash(Path root, List<Path> shards) {
        long h = 1125899906842597L;
        for (Path p : shards) {
            for (char c : root.relativize(p).toString().toCharArray()) {
                h = 31 * h + c;
            }
            h = 31 * h + '\n';
        }
        return h;
    }

    private static long mix(long seed, long epoch, long slot) {
        return seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + slot;
    }

    @Override
    public ViewPair next() {
        while (true) {
            if (rows == null) {
                rows = read(listing.get(shardOrder[shardSlot]));
                rowOrder = ShuffledImageStream.permutation(rows.size(), new SplittableRandom(mix(seed, epoch, shardSlot)));
            }
            if (rowSlot < rows.size()) {
                PairRecord pair = rows.get(rowOrder[rowSlot]);
                rowSlot++;
                if (!kinds.contains(pair.kind())) {
                    if (++skippedInARow > listingRows()) {
                        throw new IllegalArgumentException("data.path: no " + kinds + " pairs in the shards under " + root
                                + " (a whole pass found only other kinds)");
                    }
                    continue;
                }
                skippedInARow = 0;
                return EncodedViews.decode(pair, listing.get(shardOrder[shardSlot]).toString());
            }
            rows = null;
            rowSlot = 0;
            shardSlot++;
            if (shardSlot == listing.size()) {
                startEpoch(epoch + 1, shards(root, Integer.MAX_VALUE));
            }
        }
    }

    /** Every pair in the committed shards under {@code root}, shard by shard in listing order, rows as stored. */
    public static List<PairRecord> readAll(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("no such pair shard directory " + root);
        }
        List<PairRecord> all = new ArrayList<>();
        for (Path shard : shards(root, Integer.MAX_VALUE)) {
            all.addAll(read(shard));
        }
        return all;
    }

    static List<PairRecord> read(Path shard) {
        List<PairRecord> out = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(shard)).build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                out.add(PairRecords.fromAvro(r));
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("pair shard " + shard + " is not readable: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public SourcePosition position() {
        return new SourcePosition(Map.of(EPOCH, epoch, SHARD, (long) shardSlot, ROW, (long) rowSlot,
                SHARDS, (long) listing.size(), LISTING_HASH, listingHash));
    }

    @Override
    public void seek(SourcePosition position) {
        int count = (int) position.get(SHARDS);
        List<Path> shards = shards(root, count);
        if (shards.size() != count || hash(root, shards) != position.get(LISTING_HASH)) {
            throw new IllegalArgumentException("data.path: the shards under " + root + " are not the ones the checkpoint "
                    + "read (" + count + " shards then, the oldest " + shards.size() + " now differ): shards were "
                    + "removed or rewritten, so the run cannot continue where it stopped");
        }
        startEpoch(position.get(EPOCH), shards);
        shardSlot = (int) position.get(SHARD);
        rowSlot = (int) position.get(ROW);
    }

    /**
     * Pairs in the shards of the current epoch (from the Parquet footers). With a kind filter this is an
     * upper bound: the footers do not say how many pairs of each kind a shard holds.
     */
    @Override
    public long datasetSize() {
        return listingRows();
    }

    private long listingRows() {
        if (listingRows < 0) {
            listingRows = countRows();
        }
        return listingRows;
    }

    private long countRows() {
        long n = 0;
        for (Path p : listing) {
            try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(p))) {
                n += r.getRecordCount();
            } catch (IOException e) {
                throw new UncheckedIOException("pair shard " + p + " is not readable", e);
            }
        }
        return n;
    }
}
