package io.vireo.cli;

import io.vireo.flink.PairJobConfig;
import io.vireo.flink.PairJobRunner;
import io.vireo.flink.cluster.ClusterSubmitter;
import java.time.Duration;
import org.apache.flink.api.common.JobID;
import io.vireo.ingest.kafka.ChunkTopic;
import io.vireo.ingest.kafka.ChunkTopicAdmin;
import io.vireo.ingest.kafka.KafkaSettings;
import io.vireo.ingest.record.ChunkRecords;
import io.vireo.ingest.record.PairRecord;
import io.vireo.ingest.record.PairRecords;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pairs", mixinStandardHelpOptions = true,
        description = {"Run the PairBuilderJob: chunks from Kafka -> re-order -> decode -> sample -> shot cuts ->",
                "frame-level and region-tracked positive pairs -> Kafka pair topic (exactly once) and/or Parquet shards.",
                "Runs on an embedded Flink MiniCluster and, by default, stops once it has caught up with the chunk topic.",
                "Every job option can be set with --set KEY=VALUE (e.g. --set tracker=kcf --set max-dt=\"3 s\")."})
final class PairsCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--chunk-topic", defaultValue = ChunkRecords.DEFAULT_TOPIC, description = "Chunk topic (default: ${DEFAULT-VALUE}).")
    String chunkTopic;

    @Option(names = "--pair-topic", defaultValue = PairRecords.DEFAULT_TOPIC, description = "Pair topic (default: ${DEFAULT-VALUE}).")
    String pairTopic;

    @Option(names = "--shard-dir", description = "Also write rolling Parquet pair shards here.")
    Path shardDir;

    @Option(names = "--no-kafka-sink", description = "Do not write the pair topic (needs --shard-dir).")
    boolean noKafkaSink;

    @Option(names = "--follow", description = "Keep running and process video as it arrives (stop with Ctrl-C).")
    boolean follow;

    @Option(names = "--cluster", paramLabel = "HOST:PORT",
            description = "Submit to this Flink 2.x cluster's REST address (e.g. from 'vireo flink start') instead of a MiniCluster.")
    String cluster;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A job option (see flink-jobs/README.md), repeatable.")
    Map<String, String> options = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        KafkaSettings settings = kafka.settings();
        PairJobConfig config = config(settings);
        if (config.kafkaSink()) {
            // The sink cannot create topics on a broker with auto-creation off (the embedded one):
            // create it up front, with the message limit pairs of large views need.
            try (ChunkTopicAdmin admin = new ChunkTopicAdmin(settings)) {
                admin.awaitCluster();
                admin.ensureTopic(ChunkTopic.defaults().named(pairTopic));
            }
        }
        String where = cluster != null ? "the Flink cluster at " + cluster : "a local Flink MiniCluster";
        spec.commandLine().getOut().println("running the pair builder on " + where + " (parallelism "
                + config.parallelism() + ", " + (follow ? "following the chunk topic" : "until caught up") + ")");
        spec.commandLine().getOut().flush();
        long started = System.nanoTime();
        if (cluster != null) {
            if (!runOnCluster(config)) {
                return 0;
            }
        } else {
            PairJobRunner.runLocal(config);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        StringBuilder summary = new StringBuilder(String.format(java.util.Locale.ROOT, "pair job finished in %.1f s", seconds));
        if (config.kafkaSink()) {
            Map<PairRecord.Kind, Long> counts = PairTopicStats.count(settings, pairTopic);
            summary.append(String.format("; topic %s holds %d frame-level and %d region-tracked pairs", pairTopic,
                    counts.getOrDefault(PairRecord.Kind.FRAME, 0L), counts.getOrDefault(PairRecord.Kind.REGION, 0L)));
        }
        if (config.parquetSink()) {
            summary.append("; Parquet shards in ").append(shardDir);
        }
        spec.commandLine().getOut().println(summary);
        return 0;
    }

    /** @return whether the job ran to its end here (a following job is left running on the cluster) */
    private boolean runOnCluster(PairJobConfig config) throws Exception {
        // The cluster's TaskManagers must have Vireo's classes: 'vireo flink start' launches them with
        // Vireo's classpath; any other cluster needs the shaded job jar (see flink-jobs/README.md).
        try (ClusterSubmitter submitter = ClusterSubmitter.connect(cluster)) {
            JobID job = submitter.submit(PairJobRunner.jobGraph(config));
            spec.commandLine().getOut().println("submitted job " + job);
            if (follow) {
                spec.commandLine().getOut().println("the job keeps running on the cluster; cancel it from Flink's web UI at http://" + cluster);
                return false;
            }
            submitter.awaitSuccess(job, Duration.ofHours(6));
            return true;
        }
    }

    PairJobConfig config(KafkaSettings settings) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(PairJobConfig.BOOTSTRAP_SERVERS, settings.bootstrapServers());
        values.put(PairJobConfig.CHUNK_TOPIC, chunkTopic);
        values.put(PairJobConfig.PAIR_TOPIC, pairTopic);
        values.put(PairJobConfig.BOUNDED, Boolean.toString(!follow));
        values.put(PairJobConfig.KAFKA_SINK, Boolean.toString(!noKafkaSink));
        if (shardDir != null) {
            values.put(PairJobConfig.PARQUET_SINK, "true");
            values.put(PairJobConfig.SHARD_DIR, shardDir.toAbsolutePath().toString());
        }
        values.putAll(options);
        // Invalid options fail here, before any Flink component starts, naming every bad key.
        return PairJobConfig.fromMap(values);
    }
}
