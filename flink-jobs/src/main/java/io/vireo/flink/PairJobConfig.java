package io.vireo.flink;

import io.vireo.ingest.record.ChunkRecords;
import io.vireo.ingest.record.PairRecord;
import io.vireo.ingest.record.PairRecords;
import io.vireo.tracking.crop.CropSpec;
import io.vireo.tracking.proposal.ProposalConfig;
import io.vireo.tracking.track.TrackerKind;
import io.vireo.tracking.track.TrackingPolicy;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.util.TimeUtils;

/**
 * Options of the PairBuilderJob, validated once, up front: a job that would fail on its first
 * chunk (or, worse, silently misbehave) is rejected before it is submitted, and the error names
 * every offending option at once rather than one per attempt.
 *
 * <p>Each component has an option name (the constants below), used by {@link #fromMap} and in
 * every error message. Build variants with {@link #toBuilder()}.
 *
 * @param gapTimeout            how long the sequencer waits for a missing chunk while later ones queue up
 * @param inactivityTimeout     after this long without a chunk, a stream's pending chunks are flushed
 * @param maxPendingChunks      chunks a stream may queue behind a gap; bounds keyed state (chunks are MiBs)
 * @param decodeThreads         FFmpeg threads per decoder; Flink parallelism is the main lever
 * @param sampleFps             frames per second kept per stream, by presentation time; the tracker's
 *                              step too, so it must be dense enough to follow motion
 * @param bootstrapServers      Kafka bootstrap servers for the chunk source and the pair sink
 * @param chunkTopic            topic of chunk records
 * @param pairTopic             topic the pair records go to
 * @param consumerGroup         Kafka consumer group of the chunk source
 * @param kafkaSink             write pairs to {@code pairTopic}, exactly once
 * @param parquetSink           write pairs as Parquet shards under {@code shardDir}
 * @param shardDir              directory of the Parquet shards (required when {@code parquetSink})
 * @param bounded               read the chunk topic up to its end offsets at start, then finish
 * @param pairKinds             which pair builders run
 * @param minDelta              smallest Δt between the two views of a pair
 * @param maxDelta              largest Δt
 * @param seed                  seed of the Δt draws (pairs are reproducible given the seed)
 * @param viewSize              side of the square views, pixels
 * @param tracker               tracker of region pairs
 * @param proposalsPerFrame     regions proposed (and tracked) per anchor frame
 * @param proposalMinSide       smallest proposal side, pixels
 * @param proposalMaxArea       largest proposal area as a share of the frame
 * @param proposalMaxAspect     largest proposal long/short side ratio
 * @param proposalMinTextured   smallest share of a proposal's 4x4 grid cells that must hold edges, [0, 1]
 * @param minRedetectionIou     lowest IoU of a tracked end box with a region proposed on the end frame,
 *                              [0, 1]; 0 turns the re-detection check off
 * @param regionAnchorInterval  least time between the anchor frames of two region tracks of a stream; 0 starts
 *                              the next anchor only when the previous one's partner frame arrives (one track
 *                              span at a time). Shorter intervals give more region pairs for proportionally
 *                              more tracking work: about max Δt / interval spans overlap
 * @param shotCutThreshold      colour-layout distance of consecutive frames that counts as a cut, (0, 1]
 * @param checkpointInterval    checkpoint interval; also how often Kafka transactions and shards commit
 * @param parallelism           job parallelism (match it to the chunk topic's partitions)
 * @param transactionalIdPrefix prefix of the Kafka sink's transactional ids; unique per job on a cluster
 */
public record PairJobConfig(
        Duration gapTimeout, Duration inactivityTimeout, int maxPendingChunks, int decodeThreads, double sampleFps,
        String bootstrapServers, String chunkTopic, String pairTopic, String consumerGroup,
        boolean kafkaSink, boolean parquetSink, String shardDir, boolean bounded,
        Set<PairRecord.Kind> pairKinds, Duration minDelta, Duration maxDelta, long seed, int viewSize,
        TrackerKind tracker, int proposalsPerFrame, int proposalMinSide, double proposalMaxArea,
        double proposalMaxAspect, double proposalMinTextured, double minRedetectionIou, Duration regionAnchorInterval,
        double shotCutThreshold, Duration checkpointInterval, int parallelism,
        String transactionalIdPrefix) implements Serializable {

    public static final String GAP_TIMEOUT = "gap-timeout";
    public static final String INACTIVITY_TIMEOUT = "inactivity-timeout";
    public static final String MAX_PENDING_CHUNKS = "max-pending-chunks";
    public static final String DECODE_THREADS = "decode-threads";
    public static final String SAMPLE_FPS = "sample-fps";
    public static final String BOOTSTRAP_SERVERS = "bootstrap-servers";
    public static final String CHUNK_TOPIC = "chunk-topic";
    public static final String PAIR_TOPIC = "pair-topic";
    public static final String CONSUMER_GROUP = "consumer-group";
    public static final String KAFKA_SINK = "kafka-sink";
    public static final String PARQUET_SINK = "parquet-sink";
    public static final String SHARD_DIR = "shard-dir";
    public static final String BOUNDED = "bounded";
    public static final String PAIR_KINDS = "pair-kinds";
    public static final String MIN_DELTA = "min-dt";
    public static final String MAX_DELTA = "max-dt";
    public static final String SEED = "seed";
    public static final String VIEW_SIZE = "view-size";
    public static final String TRACKER = "tracker";
    public static final String PROPOSALS_PER_FRAME = "proposals-per-frame";
    public static final String PROPOSAL_MIN_SIDE = "proposal-min-side";
    public static final String PROPOSAL_MAX_AREA = "proposal-max-area";
    public static final String PROPOSAL_MAX_ASPECT = "proposal-max-aspect";
    public static final String PROPOSAL_MIN_TEXTURED = "proposal-min-textured";
    public static final String MIN_REDETECTION_IOU = "min-redetection-iou";
    public static final String REGION_ANCHOR_INTERVAL = "region-anchor-interval";
    public static final String SHOT_CUT_THRESHOLD = "shot-cut-threshold";
    public static final String CHECKPOINT_INTERVAL = "checkpoint-interval";
    public static final String PARALLELISM = "parallelism";
    public static final String TRANSACTIONAL_ID_PREFIX = "transactional-id-prefix";

    public static final PairJobConfig DEFAULTS = new PairJobConfig(
            Duration.ofSeconds(30), Duration.ofMinutes(5), 32, 1, 10.0,
            "localhost:9092", ChunkRecords.DEFAULT_TOPIC, PairRecords.DEFAULT_TOPIC, "vireo-pair-builder",
            true, false, null, false,
            EnumSet.allOf(PairRecord.Kind.class), Duration.ofMillis(500), Duration.ofSeconds(2), 0L, 96,
            TrackerKind.DEFAULT, 4, 24, 0.1, 3.0, ProposalConfig.DEFAULT_MIN_TEXTURED_SHARE,
            TrackingPolicy.DEFAULT_MIN_REDETECTION_IOU, Duration.ZERO, 0.4, Duration.ofSeconds(10), 2, "vireo-pairs");

    public PairJobConfig {
        pairKinds = pairKinds == null ? Set.of() : Set.copyOf(pairKinds);
        List<String> errors = new ArrayList<>();
        requirePositive(errors, GAP_TIMEOUT, gapTimeout);
        requirePositive(errors, INACTIVITY_TIMEOUT, inactivityTimeout);
        if (maxPendingChunks < 1) {
            errors.add(MAX_PENDING_CHUNKS + " must be >= 1, got " + maxPendingChunks);
        }
        if (decodeThreads < 1) {
            errors.add(DECODE_THREADS + " must be >= 1, got " + decodeThreads);
        }
        if (!(sampleFps > 0) || Double.isInfinite(sampleFps)) {
            errors.add(SAMPLE_FPS + " must be > 0, got " + sampleFps);
        }
        requireText(errors, BOOTSTRAP_SERVERS, bootstrapServers);
        requireText(errors, CHUNK_TOPIC, chunkTopic);
        requireText(errors, PAIR_TOPIC, pairTopic);
        requireText(errors, CONSUMER_GROUP, consumerGroup);
        requireText(errors, TRANSACTIONAL_ID_PREFIX, transactionalIdPrefix);
        if (parquetSink && (shardDir == null || shardDir.isBlank())) {
            errors.add(SHARD_DIR + " must be set when " + PARQUET_SINK + " is true");
        }
        if (pairKinds.isEmpty()) {
            errors.add(PAIR_KINDS + " must name at least one of frame, region");
        }
        requirePositive(errors, MIN_DELTA, minDelta);
        requirePositive(errors, MAX_DELTA, maxDelta);
        if (minDelta != null && maxDelta != null && maxDelta.compareTo(minDelta) < 0) {
            errors.add(MAX_DELTA + " must be >= " + MIN_DELTA + " (" + TimeUtils.formatWithHighestUnit(minDelta)
                    + "), got " + TimeUtils.formatWithHighestUnit(maxDelta));
        }
        if (viewSize < CropSpec.MIN_VIEW_SIZE || viewSize > CropSpec.MAX_VIEW_SIZE) {
            errors.add(VIEW_SIZE + " must be in [" + CropSpec.MIN_VIEW_SIZE + ", " + CropSpec.MAX_VIEW_SIZE + "], got "
                    + viewSize);
        }
        if (tracker == null) {
            errors.add(TRACKER + " must be one of csrt, kcf, mil");
        }
        if (proposalsPerFrame < 1) {
            errors.add(PROPOSALS_PER_FRAME + " must be >= 1, got " + proposalsPerFrame);
        }
        if (proposalMinSide < 1) {
            errors.add(PROPOSAL_MIN_SIDE + " must be >= 1, got " + proposalMinSide);
        }
        if (!(proposalMaxArea > 0 && proposalMaxArea <= 1)) {
            errors.add(PROPOSAL_MAX_AREA + " must be in (0, 1], got " + proposalMaxArea);
        }
        if (!(proposalMaxAspect >= 1) || Double.isInfinite(proposalMaxAspect)) {
            errors.add(PROPOSAL_MAX_ASPECT + " must be finite and >= 1, got " + proposalMaxAspect);
        }
        if (!(proposalMinTextured >= 0 && proposalMinTextured <= 1)) {
            errors.add(PROPOSAL_MIN_TEXTURED + " must be in [0, 1], got " + proposalMinTextured);
        }
        if (!(minRedetectionIou >= 0 && minRedetectionIou <= 1)) {
            errors.add(MIN_REDETECTION_IOU + " must be in [0, 1], got " + minRedetectionIou);
        }
        if (regionAnchorInterval == null || regionAnchorInterval.isNegative()) {
            errors.add(REGION_ANCHOR_INTERVAL + " must be >= 0, got "
                    + (regionAnchorInterval == null ? "nothing" : TimeUtils.formatWithHighestUnit(regionAnchorInterval)));
        }
        if (!(shotCutThreshold > 0 && shotCutThreshold <= 1)) {
            errors.add(SHOT_CUT_THRESHOLD + " must be in (0, 1], got " + shotCutThreshold);
        }
        requirePositive(errors, CHECKPOINT_INTERVAL, checkpointInterval);
        if (parallelism < 1) {
            errors.add(PARALLELISM + " must be >= 1, got " + parallelism);
        }
        if (!errors.isEmpty()) {
            throw new InvalidJobConfigException(errors);
        }
    }

    /**
     * Reads options given as {@code name -> text} (e.g. from {@code --name value} arguments);
     * absent options keep their {@link #DEFAULTS}. Durations use Flink's syntax ({@code 30 s},
     * {@code 500ms}, {@code 5min}); booleans are {@code true}/{@code false}; {@code pair-kinds} is a
     * comma-separated list of {@code frame}, {@code region}; {@code tracker} one of csrt, kcf, mil.
     *
     * @throws InvalidJobConfigException naming every unknown, unparsable or out-of-range option
     */
    public static PairJobConfig fromMap(Map<String, String> options) {
        Map<String, String> in = new LinkedHashMap<>(options);
        List<String> errors = new ArrayList<>();
        PairJobConfig d = DEFAULTS;
        Builder b = d.toBuilder();
        b.gapTimeout = take(in, errors, GAP_TIMEOUT, d.gapTimeout, TimeUtils::parseDuration);
        b.inactivityTimeout = take(in, errors, INACTIVITY_TIMEOUT, d.inactivityTimeout, TimeUtils::parseDuration);
        b.maxPendingChunks = take(in, errors, MAX_PENDING_CHUNKS, d.maxPendingChunks, Integer::valueOf);
        b.decodeThreads = take(in, errors, DECODE_THREADS, d.decodeThreads, Integer::valueOf);
        b.sampleFps = take(in, errors, SAMPLE_FPS, d.sampleFps, Double::valueOf);
        b.bootstrapServers = take(in, errors, BOOTSTRAP_SERVERS, d.bootstrapServers, s -> s);
        b.chunkTopic = take(in, errors, CHUNK_TOPIC, d.chunkTopic, s -> s);
        b.pairTopic = take(in, errors, PAIR_TOPIC, d.pairTopic, s -> s);
        b.consumerGroup = take(in, errors, CONSUMER_GROUP, d.consumerGroup, s -> s);
        b.kafkaSink = take(in, errors, KAFKA_SINK, d.kafkaSink, PairJobConfig::parseBoolean);
        b.parquetSink = take(in, errors, PARQUET_SINK, d.parquetSink, PairJobConfig::parseBoolean);
        b.shardDir = take(in, errors, SHARD_DIR, d.shardDir, s -> s);
        b.bounded = take(in, errors, BOUNDED, d.bounded, PairJobConfig::parseBoolean);
        b.pairKinds = take(in, errors, PAIR_KINDS, d.pairKinds, PairJobConfig::parseKinds);
        b.minDelta = take(in, errors, MIN_DELTA, d.minDelta, TimeUtils::parseDuration);
        b.maxDelta = take(in, errors, MAX_DELTA, d.maxDelta, TimeUtils::parseDuration);
        b.seed = take(in, errors, SEED, d.seed, Long::valueOf);
        b.viewSize = take(in, errors, VIEW_SIZE, d.viewSize, Integer::valueOf);
        String trackerName = in.remove(TRACKER);
        if (trackerName != null) {
            try {
                b.tracker = TrackerKind.fromName(trackerName);
            } catch (IllegalArgumentException e) {
                errors.add(TRACKER + " must be one of csrt, kcf, mil; got '" + trackerName + "'");
            }
        }
        b.proposalsPerFrame = take(in, errors, PROPOSALS_PER_FRAME, d.proposalsPerFrame, Integer::valueOf);
        b.proposalMinSide = take(in, errors, PROPOSAL_MIN_SIDE, d.proposalMinSide, Integer::valueOf);
        b.proposalMaxArea = take(in, errors, PROPOSAL_MAX_AREA, d.proposalMaxArea, Double::valueOf);
        b.proposalMaxAspect = take(in, errors, PROPOSAL_MAX_ASPECT, d.proposalMaxAspect, Double::valueOf);
        b.proposalMinTextured = take(in, errors, PROPOSAL_MIN_TEXTURED, d.proposalMinTextured, Double::valueOf);
        b.minRedetectionIou = take(in, errors, MIN_REDETECTION_IOU, d.minRedetectionIou, Double::valueOf);
        b.regionAnchorInterval = take(in, errors, REGION_ANCHOR_INTERVAL, d.regionAnchorInterval, TimeUtils::parseDuration);
        b.shotCutThreshold = take(in, errors, SHOT_CUT_THRESHOLD, d.shotCutThreshold, Double::valueOf);
        b.checkpointInterval = take(in, errors, CHECKPOINT_INTERVAL, d.checkpointInterval, TimeUtils::parseDuration);
        b.parallelism = take(in, errors, PARALLELISM, d.parallelism, Integer::valueOf);
        b.transactionalIdPrefix = take(in, errors, TRANSACTIONAL_ID_PREFIX, d.transactionalIdPrefix, s -> s);
        in.keySet().forEach(name -> errors.add("unknown option '" + name + "'"));
        // Unparsable options fell back to valid defaults, so this adds only the range errors.
        try {
            PairJobConfig config = b.build();
            if (errors.isEmpty()) {
                return config;
            }
        } catch (InvalidJobConfigException e) {
            errors.addAll(e.problems());
        }
        throw new InvalidJobConfigException(errors);
    }

    /** Parses {@code --name value} / {@code --name=value} arguments into options for {@link #fromMap}. */
    public static Map<String, String> parseArgs(String... args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                errors.add("expected --option, got '" + arg + "'");
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                options.put(arg.substring(2), args[++i]);
            } else {
                errors.add(arg.substring(2) + " has no value");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidJobConfigException(errors);
        }
        return options;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public PairJobConfig withGapTimeout(Duration d) {
        return toBuilder().gapTimeout(d).build();
    }

    public PairJobConfig withInactivityTimeout(Duration d) {
        return toBuilder().inactivityTimeout(d).build();
    }

    public PairJobConfig withMaxPendingChunks(int n) {
        return toBuilder().maxPendingChunks(n).build();
    }

    public PairJobConfig withSampleFps(double fps) {
        return toBuilder().sampleFps(fps).build();
    }

    /** Mutable companion for building variants; {@link #build()} validates. */
    public static final class Builder {
        private Duration gapTimeout;
        private Duration inactivityTimeout;
        private int maxPendingChunks;
        private int decodeThreads;
        private double sampleFps;
        private String bootstrapServers;
        private String chunkTopic;
        private String pairTopic;
        private String consumerGroup;
        private boolean kafkaSink;
        private boolean parquetSink;
        private String shardDir;
        private boolean bounded;
        private Set<PairRecord.Kind> pairKinds;
        private Duration minDelta;
        private Duration maxDelta;
        private long seed;
        private int viewSize;
        private TrackerKind tracker;
        private int proposalsPerFrame;
        private int proposalMinSide;
        private double proposalMaxArea;
        private double proposalMaxAspect;
        private double proposalMinTextured;
        private double minRedetectionIou;
        private Duration regionAnchorInterval;
        private double shotCutThreshold;
        private Duration checkpointInterval;
        private int parallelism;
        private String transactionalIdPrefix;

        private Builder(PairJobConfig c) {
            gapTimeout = c.gapTimeout;
            inactivityTimeout = c.inactivityTimeout;
            maxPendingChunks = c.maxPendingChunks;
            decodeThreads = c.decodeThreads;
            sampleFps = c.sampleFps;
            bootstrapServers = c.bootstrapServers;
            chunkTopic = c.chunkTopic;
            pairTopic = c.pairTopic;
            consumerGroup = c.consumerGroup;
            kafkaSink = c.kafkaSink;
            parquetSink = c.parquetSink;
            shardDir = c.shardDir;
            bounded = c.bounded;
            pairKinds = c.pairKinds;
            minDelta = c.minDelta;
            maxDelta = c.maxDelta;
            seed = c.seed;
            viewSize = c.viewSize;
            tracker = c.tracker;
            proposalsPerFrame = c.proposalsPerFrame;
            proposalMinSide = c.proposalMinSide;
            proposalMaxArea = c.proposalMaxArea;
            proposalMaxAspect = c.proposalMaxAspect;
            proposalMinTextured = c.proposalMinTextured;
            minRedetectionIou = c.minRedetectionIou;
            regionAnchorInterval = c.regionAnchorInterval;
            shotCutThreshold = c.shotCutThreshold;
            checkpointInterval = c.checkpointInterval;
            parallelism = c.parallelism;
            transactionalIdPrefix = c.transactionalIdPrefix;
        }

        public Builder gapTimeout(Duration v) { gapTimeout = v; return this; }
        public Builder inactivityTimeout(Duration v) { inactivityTimeout = v; return this; }
        public Builder maxPendingChunks(int v) { maxPendingChunks = v; return this; }
        public Builder decodeThreads(int v) { decodeThreads = v; return this; }
        public Builder sampleFps(double v) { sampleFps = v; return this; }
        public Builder bootstrapServers(String v) { bootstrapServers = v; return this; }
        public Builder chunkTopic(String v) { chunkTopic = v; return this; }
        public Builder pairTopic(String v) { pairTopic = v; return this; }
        public Builder consumerGroup(String v) { consumerGroup = v; return this; }
        public Builder kafkaSink(boolean v) { kafkaSink = v; return this; }
        public Builder parquetSink(boolean v) { parquetSink = v; return this; }
        public Builder shardDir(String v) { shardDir = v; return this; }
        public Builder bounded(boolean v) { bounded = v; return this; }
        public Builder pairKinds(Set<PairRecord.Kind> v) { pairKinds = v; return this; }
        public Builder minDelta(Duration v) { minDelta = v; return this; }
        public Builder maxDelta(Duration v) { maxDelta = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder viewSize(int v) { viewSize = v; return this; }
        public Builder tracker(TrackerKind v) { tracker = v; return this; }
        public Builder proposalsPerFrame(int v) { proposalsPerFrame = v; return this; }
        public Builder proposalMinSide(int v) { proposalMinSide = v; return this; }
        public Builder proposalMaxArea(double v) { proposalMaxArea = v; return this; }
        public Builder proposalMaxAspect(double v) { proposalMaxAspect = v; return this; }
        public Builder proposalMinTextured(double v) { proposalMinTextured = v; return this; }
        public Builder minRedetectionIou(double v) { minRedetectionIou = v; return this; }
        public Builder regionAnchorInterval(Duration v) { regionAnchorInterval = v; return this; }
        public Builder shotCutThreshold(double v) { shotCutThreshold = v; return this; }
        public Builder checkpointInterval(Duration v) { checkpointInterval = v; return this; }
        public Builder parallelism(int v) { parallelism = v; return this; }
        public Builder transactionalIdPrefix(String v) { transactionalIdPrefix = v; return this; }

        /** @throws InvalidJobConfigException naming every invalid option */
        public PairJobConfig build() {
            return new PairJobConfig(gapTimeout, inactivityTimeout, maxPendingChunks, decodeThreads, sampleFps,
                    bootstrapServers, chunkTopic, pairTopic, consumerGroup, kafkaSink, parquetSink, shardDir, bounded,
                    pairKinds, minDelta, maxDelta, seed, viewSize, tracker, proposalsPerFrame, proposalMinSide,
                    proposalMaxArea, proposalMaxAspect, proposalMinTextured, minRedetectionIou, regionAnchorInterval, shotCutThreshold, checkpointInterval, parallelism,
                    transactionalIdPrefix);
        }
    }

    private static boolean parseBoolean(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static Set<PairRecord.Kind> parseKinds(String s) {
        Set<PairRecord.Kind> kinds = EnumSet.noneOf(PairRecord.Kind.class);
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                kinds.add(PairRecord.Kind.valueOf(part.strip().toUpperCase(Locale.ROOT)));
            }
        }
        return kinds;
    }

    private static void requirePositive(List<String> errors, String name, Duration d) {
        if (d == null) {
            errors.add(name + " must be set");
        } else if (d.isNegative() || d.isZero()) {
            errors.add(name + " must be > 0, got " + TimeUtils.formatWithHighestUnit(d));
        }
    }

    private static void requireText(List<String> errors, String name, String value) {
        if (value == null || value.isBlank()) {
            errors.add(name + " must not be empty");
        }
    }

    private static <T> T take(Map<String, String> options, List<String> errors, String name, T fallback,
                              Function<String, T> parse) {
        String raw = options.remove(name);
        if (raw == null) {
            return fallback;
        }
        try {
            return Objects.requireNonNull(parse.apply(raw.trim()));
        } catch (RuntimeException e) {
            errors.add(name + " is not valid: '" + raw + "'");
            return fallback;
        }
    }

    /** Every problem of a configuration, one per line, each naming its option. */
    public static final class InvalidJobConfigException extends IllegalArgumentException {
        private final List<String> problems;

        public InvalidJobConfigException(List<String> problems) {
            super("invalid pair job configuration:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
