package io.vireo.flink;

import io.vireo.flink.PairJobConfig.InvalidJobConfigException;
import io.vireo.flink.sink.PairSinks;
import io.vireo.flink.source.ChunkSource;
import io.vireo.ingest.record.VideoChunk;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the PairBuilderJob: Kafka chunk source → {@link PairBuilderJob#pairs} → Kafka pair topic
 * (exactly once) and/or Parquet shards.
 *
 * <ul>
 *   <li>{@link #runLocal} runs it on an embedded MiniCluster and returns when it ends (with
 *       {@code bounded = true}: once the chunks present at start are turned into pairs).</li>
 *   <li>{@link #buildPipeline} adds it to any environment (a remote cluster's, a test's) and
 *       returns the streams, so callers can also collect from them.</li>
 *   <li>{@link #jobGraph} builds the job graph for submission to a remote cluster.</li>
 *   <li>{@link #main} reads {@code --option value} arguments and runs on whatever environment the
 *       context provides: the MiniCluster when started directly, the cluster under {@code flink run}.</li>
 * </ul>
 * The configuration is validated before anything is built, so a bad option fails here, naming it,
 * and never on a cluster.
 */
public final class PairJobRunner {

    public static final String JOB_NAME = "vireo-pair-builder";
    public static final String SOURCE_UID = "chunk-source";
    public static final String KAFKA_SINK_UID = "pair-kafka-sink";
    public static final String PARQUET_SINK_UID = "pair-parquet-sink";

    static final int LOCAL_RESTART_ATTEMPTS = 2;

    private PairJobRunner() {
    }

    public static void main(String[] args) throws Exception {
        PairJobConfig config = PairJobConfig.fromMap(PairJobConfig.parseArgs(args));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        buildPipeline(env, config);
        env.execute(JOB_NAME);
    }

    /** Runs the job on an embedded MiniCluster and waits for it to end, checkpointing to a temp folder. */
    public static JobExecutionResult runLocal(PairJobConfig config) throws Exception {
        java.nio.file.Path checkpoints = java.nio.file.Files.createTempDirectory("vireo-pair-checkpoints");
        try {
            return runLocal(config, checkpoints);
        } finally {
            try (var paths = java.nio.file.Files.walk(checkpoints)) {
                for (var path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.deleteIfExists(path);
                }
            }
        }
    }

    /**
     * Runs the job on an embedded MiniCluster and waits for it to end. Checkpoints go to files in
     * {@code checkpointDir}: the keyed state (frames waiting for their Δt partner, chunks behind a
     * gap) is megabytes, over the JobManager's in-memory checkpoint limit.
     */
    public static JobExecutionResult runLocal(PairJobConfig config, java.nio.file.Path checkpointDir) throws Exception {
        requireASink(config);
        // With checkpointing on, Flink's default is to restart forever; a local run (quickstart,
        // tests) should instead end with the error after a few tries.
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, LOCAL_RESTART_ATTEMPTS);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        conf.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                checkpointDir.toAbsolutePath().toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.parallelism(), conf);
        buildPipeline(env, config);
        return env.execute(JOB_NAME);
    }

    /** The job graph for submission to a remote cluster (e.g. with {@code RestClusterClient}). */
    public static JobGraph jobGraph(PairJobConfig config) {
        requireASink(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        buildPipeline(env, config);
        return env.getStreamGraph().getJobGraph();
    }

    /**
     * Configures {@code env} (parallelism, exactly-once checkpointing) and adds source, pipeline
     * and the enabled sinks. With no sink enabled the pairs are only available from the returned
     * streams (tests collect them).
     */
    public static PairBuilderJob.PairStreams buildPipeline(StreamExecutionEnvironment env, PairJobConfig config) {
        configure(env, config);

        DataStream<VideoChunk> chunks = env
                .fromSource(ChunkSource.kafka(config), WatermarkStrategy.noWatermarks(), SOURCE_UID)
                .uid(SOURCE_UID);
        PairBuilderJob.PairStreams streams = PairBuilderJob.pairs(chunks, config);
        if (config.kafkaSink()) {
            streams.pairs().sinkTo(PairSinks.kafka(config)).name(KAFKA_SINK_UID).uid(KAFKA_SINK_UID);
        }
        if (config.parquetSink()) {
            streams.pairs().sinkTo(PairSinks.parquet(config)).name(PARQUET_SINK_UID).uid(PARQUET_SINK_UID);
        }
        return streams;
    }

    /** The environment settings every run of the job needs, whatever its source and sinks. */
    public static void configure(StreamExecutionEnvironment env, PairJobConfig config) {
        env.setParallelism(config.parallelism());
        // Both sinks commit on checkpoints: without checkpointing no pair would ever become visible.
        env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
        // Frames are megabyte-sized immutable records that no operator mutates or holds on to
        // mutably; without reuse every chained hop deep-copies each one through its serializer.
        env.getConfig().enableObjectReuse();
    }

    private static void requireASink(PairJobConfig config) {
        if (!config.kafkaSink() && !config.parquetSink()) {
            throw new InvalidJobConfigException(List.of(
                    "no sink enabled: set " + PairJobConfig.KAFKA_SINK + " or " + PairJobConfig.PARQUET_SINK + " to true"));
        }
    }
}
