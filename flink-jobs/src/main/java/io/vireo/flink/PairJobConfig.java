package io.vireo.flink;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.flink.util.TimeUtils;

/**
 * Options of the PairBuilderJob, validated once, up front: a job that would fail on its first
 * chunk (or, worse, silently misbehave) is rejected before it is submitted, and the error names
 * every offending option at once rather than one per attempt.
 *
 * <p>Only the options the operators built so far read; more join as operators do.
 *
 * @param gapTimeout        how long the sequencer waits for a missing chunk while later ones queue up
 * @param inactivityTimeout after this long without a chunk, a stream's pending chunks are flushed
 * @param maxPendingChunks  chunks a stream may queue behind a gap before the gap is given up early;
 *                          bounds keyed state, since chunks are megabytes each
 * @param decodeThreads     FFmpeg threads per decoder; Flink parallelism is the main lever, so 1
 *                          avoids oversubscribing the task manager's cores
 * @param sampleFps         frames per second kept per stream, by presentation time
 */
public record PairJobConfig(Duration gapTimeout, Duration inactivityTimeout, int maxPendingChunks,
                            int decodeThreads, double sampleFps) implements Serializable {

    public static final String GAP_TIMEOUT = "gap-timeout";
    public static final String INACTIVITY_TIMEOUT = "inactivity-timeout";
    public static final String MAX_PENDING_CHUNKS = "max-pending-chunks";
    public static final String DECODE_THREADS = "decode-threads";
    public static final String SAMPLE_FPS = "sample-fps";

    public static final PairJobConfig DEFAULTS =
            new PairJobConfig(Duration.ofSeconds(30), Duration.ofMinutes(5), 32, 1, 2.0);

    public PairJobConfig {
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
        if (!errors.isEmpty()) {
            throw new InvalidJobConfigException(errors);
        }
    }

    /**
     * Reads options given as {@code name -> text} (e.g. from {@code --name value} arguments);
     * absent options keep their {@link #DEFAULTS}. Durations use Flink's syntax ({@code 30 s},
     * {@code 500ms}, {@code 5min}).
     *
     * @throws InvalidJobConfigException naming every unknown, unparsable or out-of-range option
     */
    public static PairJobConfig fromMap(Map<String, String> options) {
        Map<String, String> remaining = new LinkedHashMap<>(options);
        List<String> errors = new ArrayList<>();
        Duration gap = take(remaining, errors, GAP_TIMEOUT, DEFAULTS.gapTimeout, TimeUtils::parseDuration);
        Duration idle = take(remaining, errors, INACTIVITY_TIMEOUT, DEFAULTS.inactivityTimeout, TimeUtils::parseDuration);
        Integer pending = take(remaining, errors, MAX_PENDING_CHUNKS, DEFAULTS.maxPendingChunks, Integer::valueOf);
        Integer threads = take(remaining, errors, DECODE_THREADS, DEFAULTS.decodeThreads, Integer::valueOf);
        Double fps = take(remaining, errors, SAMPLE_FPS, DEFAULTS.sampleFps, Double::valueOf);
        remaining.keySet().forEach(name -> errors.add("unknown option '" + name + "'"));
        // Unparsable options fell back to valid defaults, so this adds only the range errors.
        try {
            PairJobConfig config = new PairJobConfig(gap, idle, pending, threads, fps);
            if (errors.isEmpty()) {
                return config;
            }
        } catch (InvalidJobConfigException e) {
            errors.addAll(e.problems());
        }
        throw new InvalidJobConfigException(errors);
    }

    public PairJobConfig withGapTimeout(Duration d) {
        return new PairJobConfig(d, inactivityTimeout, maxPendingChunks, decodeThreads, sampleFps);
    }

    public PairJobConfig withInactivityTimeout(Duration d) {
        return new PairJobConfig(gapTimeout, d, maxPendingChunks, decodeThreads, sampleFps);
    }

    public PairJobConfig withMaxPendingChunks(int n) {
        return new PairJobConfig(gapTimeout, inactivityTimeout, n, decodeThreads, sampleFps);
    }

    public PairJobConfig withSampleFps(double fps) {
        return new PairJobConfig(gapTimeout, inactivityTimeout, maxPendingChunks, decodeThreads, fps);
    }

    private static void requirePositive(List<String> errors, String name, Duration d) {
        if (d == null) {
            errors.add(name + " must be set");
        } else if (d.isNegative() || d.isZero()) {
            errors.add(name + " must be > 0, got " + TimeUtils.formatWithHighestUnit(d));
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

        InvalidJobConfigException(List<String> problems) {
            super("invalid pair job configuration:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
