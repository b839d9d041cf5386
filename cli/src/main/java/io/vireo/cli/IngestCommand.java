package io.vireo.cli;

import io.vireo.ingest.chunk.ChunkerOptions;
import io.vireo.ingest.kafka.ChunkTopic;
import io.vireo.ingest.kafka.KafkaUnavailableException;
import io.vireo.ingest.publish.IngestReport;
import io.vireo.ingest.publish.IngestSource;
import io.vireo.ingest.publish.IngestSources;
import io.vireo.ingest.publish.Ingestor;
import io.vireo.ingest.record.ChunkRecords;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Publish videos to Kafka as keyframe-aligned chunks (remux, no re-encode).",
                "Inputs are files, folders (searched recursively) and URLs (rtsp, http, udp, ...).",
                "Re-running on the same stream resumes after the chunks already in the topic.",
                "Exit codes: 0 all published, 1 some source failed or was damaged, 2 bad options or Kafka unreachable."})
final class IngestCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Video files, folders or stream URLs.")
    List<String> inputs;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", defaultValue = ChunkRecords.DEFAULT_TOPIC, description = "Chunk topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions when the topic is created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--chunk-seconds", defaultValue = "2",
            description = "Target chunk duration; chunks close at the next keyframe after it (default: ${DEFAULT-VALUE}).")
    double chunkSeconds;

    @Option(names = "--max-chunk-mb", defaultValue = "16", description = "Largest chunk allowed, MiB (default: ${DEFAULT-VALUE}).")
    int maxChunkMb;

    @Option(names = "--io-timeout", defaultValue = "10",
            description = "Seconds a network stream may stay silent before it counts as ended (default: ${DEFAULT-VALUE}).")
    int ioTimeoutSeconds;

    @Option(names = "--stream-id", description = "Stream id (Kafka key) for a single input, instead of the derived one.")
    String streamId;

    @Override
    public Integer call() throws KafkaUnavailableException, InterruptedException {
        if (chunkSeconds <= 0) {
            throw new IllegalArgumentException("--chunk-seconds must be > 0, got " + chunkSeconds);
        }
        ChunkerOptions chunking = new ChunkerOptions(Duration.ofMillis(Math.round(chunkSeconds * 1000)),
                (long) maxChunkMb << 20, Duration.ofSeconds(ioTimeoutSeconds));
        ChunkTopic chunkTopic = ChunkTopic.defaults().named(topic).withPartitions(partitions);
        List<IngestSource> sources = IngestSources.expand(inputs, streamId);
        IngestReport report = new Ingestor(kafka.settings(), chunkTopic, chunking, new IngestProgress()).ingest(sources);
        spec.commandLine().getOut().println(report.summary());
        return report.ok() ? 0 : 1;
    }
}
