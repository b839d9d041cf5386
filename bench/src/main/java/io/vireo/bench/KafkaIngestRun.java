package io.vireo.bench;

import io.vireo.ingest.chunk.ChunkerOptions;
import io.vireo.ingest.kafka.ChunkTopic;
import io.vireo.ingest.kafka.KafkaSettings;
import io.vireo.ingest.publish.IngestListener;
import io.vireo.ingest.publish.IngestReport;
import io.vireo.ingest.publish.IngestSource;
import io.vireo.ingest.publish.Ingestor;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** Full ingest of one file into a fresh topic per run, so no run resumes from an earlier one. */
final class KafkaIngestRun {

    private KafkaIngestRun() {
    }

    static double medianSeconds(String bootstrap, Path video, int runs) throws Exception {
        return Timings.medianSeconds(1, runs, () -> {
            ChunkTopic topic = ChunkTopic.defaults().named("bench.chunks." + UUID.randomUUID()).withPartitions(1);
            IngestReport report = new Ingestor(KafkaSettings.of(bootstrap), topic, ChunkerOptions.defaults(),
                    IngestListener.NONE).ingest(List.of(new IngestSource(video.toString(), "bench")));
            if (!report.ok()) {
                throw new IllegalStateException("benchmark ingest failed: " + report.summary());
            }
        });
    }
}
