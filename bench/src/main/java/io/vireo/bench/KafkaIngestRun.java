package io.vireo.bench;

import io.vireo.ingest.chunk.ChunkerOptions;
import io.vireo.ingest.kafka.ChunkTopic;
import io.vireo.ingest.kafka.KafkaSettings;
import io.vireo.ingest.publish.IngestListener;
import io.vireo.ingest.publish.IngestReport;
import io.vireo.ingest.publish.IngestSource;
import io.vireo.ingest.publish.Ingestor;
import io.vireo.ingest.kafka.ChunkTopicAdmin;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/**
 * Full ingest of one file into a fresh topic per run, so no run resumes from an earlier one. The
 * topics are created before the clock starts: creating a topic is a one-off, not ingest work.
 */
final class KafkaIngestRun {

    private KafkaIngestRun() {
    }

    static double medianSeconds(String bootstrap, Path video, int runs) throws Exception {
        KafkaSettings kafka = KafkaSettings.of(bootstrap);
        Deque<ChunkTopic> topics = new ArrayDeque<>();
        try (ChunkTopicAdmin admin = new ChunkTopicAdmin(kafka)) {
            admin.awaitCluster();
            for (int i = 0; i < runs + 1; i++) {
                ChunkTopic topic = ChunkTopic.defaults().named("bench.chunks." + UUID.randomUUID()).withPartitions(1);
                admin.ensureTopic(topic);
                topics.add(topic);
            }
        }
        return Timings.medianSeconds(1, runs, () -> {
            IngestReport report = new Ingestor(kafka, topics.pop(), ChunkerOptions.defaults(), IngestListener.NONE)
                    .ingest(List.of(new IngestSource(video.toString(), "bench")));
            if (!report.ok()) {
                throw new IllegalStateException("benchmark ingest failed: " + report.summary());
            }
        });
    }
}
