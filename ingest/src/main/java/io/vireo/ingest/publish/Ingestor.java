package io.vireo.ingest.publish;

import io.vireo.ingest.chunk.ChunkerOptions;
import io.vireo.ingest.chunk.ChunkingResult;
import io.vireo.ingest.chunk.KeyframeChunker;
import io.vireo.ingest.chunk.SourceProbe;
import io.vireo.ingest.chunk.VideoSourceException;
import io.vireo.ingest.kafka.ChunkTopic;
import io.vireo.ingest.kafka.ChunkTopicAdmin;
import io.vireo.ingest.kafka.ClientConfigs;
import io.vireo.ingest.kafka.KafkaSettings;
import io.vireo.ingest.kafka.KafkaUnavailableException;
import io.vireo.ingest.kafka.StreamPartitioner;
import io.vireo.ingest.kafka.StreamPositions;
import io.vireo.ingest.record.ChunkRecords;
import io.vireo.ingest.record.VideoChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes video sources to the chunk topic. One bad source does not stop the others; Kafka
 * failing does, since every further source would fail the same way.
 *
 * <p>Re-runs do not duplicate: a bounded source (a file, or a URL with a known duration) is
 * numbered from 0 every time and chunks up to the last sequence already in the topic are skipped;
 * a live source continues numbering after that sequence.
 */
public final class Ingestor {

    private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);

    private final KafkaSettings kafka;
    private final ChunkTopic topic;
    private final KeyframeChunker chunker;
    private final IngestListener listener;

    public Ingestor(KafkaSettings kafka, ChunkTopic topic, ChunkerOptions chunking, IngestListener listener) {
        this.kafka = kafka;
        this.topic = topic;
        this.chunker = new KeyframeChunker(chunking);
        this.listener = listener;
    }

    /** @throws KafkaUnavailableException when Kafka cannot be reached, or stops accepting chunks mid-run */
    public IngestReport ingest(List<IngestSource> sources) throws KafkaUnavailableException, InterruptedException {
        int partitions;
        try (ChunkTopicAdmin admin = new ChunkTopicAdmin(kafka)) {
            admin.awaitCluster();
            partitions = admin.ensureTopic(topic);
        }
        List<SourceReport> reports = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ClientConfigs.producer(kafka, topic));
             StreamPositions positions = new StreamPositions(kafka, topic)) {
            for (IngestSource source : sources) {
                SourceReport report;
                try {
                    report = ingestOne(source, partitions, producer, positions);
                } catch (VideoSourceException e) {
                    report = SourceReport.failed(source, e.getMessage());
                }
                if (!report.ok()) {
                    LOG.warn("{}", report.error() != null ? report.error() : source.location() + ": " + report.damage());
                }
                reports.add(report);
                listener.sourceFinished(report);
            }
        }
        return new IngestReport(reports);
    }

    private SourceReport ingestOne(IngestSource source, int partitions, KafkaProducer<String, byte[]> producer,
                                   StreamPositions positions)
            throws VideoSourceException, KafkaUnavailableException, InterruptedException {
        OptionalLong last = lastSequence(source, partitions, positions);
        int partition = StreamPartitioner.partitionFor(source.streamId(), partitions);
        AtomicReference<Exception> deliveryFailure = new AtomicReference<>();
        var counts = new Object() {
            long published;
            long present;
            long frames;
            long bytes;
            long publishedMicros;
            long firstPts = Long.MIN_VALUE;
            long end;
            boolean bounded;
        };
        ChunkingResult result;
        try {
            result = chunker.chunk(source.location(), source.streamId(), probe -> {
                counts.bounded = probe.bounded();
                listener.sourceStarted(source, probe);
                return probe.bounded() || last.isEmpty() ? 0 : last.getAsLong() + 1;
            }, chunk -> {
                failIfDeliveryFailed(deliveryFailure, source, chunk);
                boolean alreadyThere = counts.bounded && last.isPresent() && chunk.sequence() <= last.getAsLong();
                if (alreadyThere) {
                    counts.present++;
                } else {
                    producer.send(ChunkRecords.toRecord(topic.name(), partition, chunk), (metadata, error) -> {
                        if (error != null) {
                            deliveryFailure.compareAndSet(null, error);
                        }
                    });
                    counts.published++;
                    counts.publishedMicros += chunk.durationMicros();
                    counts.frames += chunk.frameCount();
                    counts.bytes += chunk.payload().length;
                }
                if (counts.firstPts == Long.MIN_VALUE) {
                    counts.firstPts = chunk.firstPtsMicros();
                }
                counts.end = chunk.firstPtsMicros() + chunk.durationMicros();
                listener.chunkHandled(source, chunk, !alreadyThere, counts.end - counts.firstPts);
            }, null);
        } catch (VideoSourceException e) {
            if (e.getCause() instanceof DeliveryFailedException delivery) {
                throw delivery.unavailable;
            }
            throw e;
        } finally {
            // Whatever was handed to the producer is delivered (or failed) before we report on it.
            producer.flush();
        }
        if (deliveryFailure.get() != null) {
            throw deliveryFailed(source, deliveryFailure.get());
        }
        return new SourceReport(source, counts.published, counts.present, counts.frames, counts.bytes,
                counts.publishedMicros / 1e6,
                result.damage(), null);
    }

    private OptionalLong lastSequence(IngestSource source, int partitions, StreamPositions positions)
            throws KafkaUnavailableException {
        try {
            return positions.lastSequence(topic.name(), partitions, source.streamId());
        } catch (RuntimeException e) {
            throw new KafkaUnavailableException("cannot read the position of stream '" + source.streamId() + "' in "
                    + topic.name() + " at " + kafka.bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    private void failIfDeliveryFailed(AtomicReference<Exception> failure, IngestSource source, VideoChunk chunk)
            throws DeliveryFailedException {
        Exception error = failure.get();
        if (error != null) {
            throw new DeliveryFailedException(deliveryFailed(source, error));
        }
    }

    private KafkaUnavailableException deliveryFailed(IngestSource source, Exception error) {
        return new KafkaUnavailableException("Kafka at " + kafka.bootstrapServers() + " did not accept chunks of stream '"
                + source.streamId() + "' (" + source.location() + "): " + error, error);
    }

    /** Carries a Kafka failure out through the chunker's consumer callback. */
    private static final class DeliveryFailedException extends Exception {
        private final KafkaUnavailableException unavailable;

        DeliveryFailedException(KafkaUnavailableException unavailable) {
            super(unavailable.getMessage(), unavailable);
            this.unavailable = unavailable;
        }
    }
}
