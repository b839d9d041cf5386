package io.vireo.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.vireo.flink.testing.CommittedPairs;
import io.vireo.ingest.chunk.ChunkerOptions;
import io.vireo.ingest.kafka.ChunkTopic;
import io.vireo.ingest.kafka.KafkaSettings;
import io.vireo.ingest.kafka.testing.KafkaBrokerExtension;
import io.vireo.ingest.kafka.testing.TestKafka;
import io.vireo.ingest.publish.IngestListener;
import io.vireo.ingest.publish.IngestReport;
import io.vireo.ingest.publish.IngestSource;
import io.vireo.ingest.publish.Ingestor;
import io.vireo.ingest.record.PairRecord;
import io.vireo.ingest.record.PairRecords;
import io.vireo.synth.SceneSynthesizer;
import io.vireo.synth.SynthConfig;
import io.vireo.synth.SynthResult;
import io.vireo.tracking.crop.Crops;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job for real: a synthetic video ingested into a real Kafka broker by the Ingestor,
 * the job run bounded on an embedded MiniCluster through {@link PairJobRunner#runLocal}, and its
 * output read back from both sinks as a consumer would: the pair topic with
 * {@code read_committed}, the Parquet shards with parquet-avro.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PairJobEndToEndTest {

    @Test
    void chunksInKafkaBecomeFrameAndRegionPairsInTheTopicAndInParquetShards(TestKafka kafka, @TempDir Path dir)
            throws Exception {
        SynthResult video = SceneSynthesizer.generate(
                SynthConfig.builder().seed(3).seconds(6).objectsPerShot(2).occludersPerShot(0).build(), dir, "scene");
        // Created up front: the Ingestor then only describes it (its create-then-describe can race metadata).
        String chunkTopic = kafka.createUniqueTopic("chunks", 2);
        String pairTopic = kafka.createUniqueTopic("pairs", 2);
        IngestReport ingest = new Ingestor(KafkaSettings.of(kafka.bootstrapServers()),
                ChunkTopic.defaults().named(chunkTopic).withPartitions(2), ChunkerOptions.defaults(), IngestListener.NONE)
                .ingest(List.of(new IngestSource(video.mp4().toString(), "cam-a"),
                        new IngestSource(video.ts().toString(), "cam-b")));
        assertThat(ingest.ok()).as(ingest.toString()).isTrue();

        Path shards = dir.resolve("shards");
        PairJobConfig config = PairJobConfig.fromMap(Map.ofEntries(
                Map.entry("bootstrap-servers", kafka.bootstrapServers()),
                Map.entry("chunk-topic", chunkTopic),
                Map.entry("pair-topic", pairTopic),
                Map.entry("consumer-group", "e2e-" + pairTopic),
                Map.entry("transactional-id-prefix", "e2e-" + pairTopic),
                Map.entry("parquet-sink", "true"),
                Map.entry("shard-dir", shards.toString()),
                Map.entry("bounded", "true"),
                Map.entry("sample-fps", "10"),
                Map.entry("min-dt", "400 ms"),
                Map.entry("max-dt", "1 s"),
                Map.entry("view-size", "64"),
                Map.entry("checkpoint-interval", "1 s"),
                Map.entry("parallelism", "2")));

        long started = System.nanoTime();
        PairJobRunner.runLocal(config);
        System.out.printf("job ran in %d ms%n", (System.nanoTime() - started) / 1_000_000);

        List<PairRecord> fromKafka = CommittedPairs.read(kafka, pairTopic);
        List<PairRecord> fromParquet = readShards(shards);
        System.out.printf("pairs: kafka %d, parquet %d, by kind %s%n", fromKafka.size(), fromParquet.size(),
                fromKafka.stream().collect(Collectors.groupingBy(PairRecord::kind, Collectors.counting())));

        assertThat(fromKafka).extracting(PairRecord::kind).contains(PairRecord.Kind.FRAME, PairRecord.Kind.REGION);
        assertThat(fromKafka).extracting(PairRecord::streamId).contains("cam-a", "cam-b");
        // Exactly once: no pair twice, and both sinks hold the same pairs.
        Set<String> kafkaIds = ids(fromKafka);
        assertThat(kafkaIds).hasSize(fromKafka.size());
        assertThat(ids(fromParquet)).hasSize(fromParquet.size()).isEqualTo(kafkaIds);
        assertThat(fromKafka).allSatisfy(p -> {
            assertThat(p.deltaMicros()).isBetween(400_000L, 1_000_000L);
            try (Mat view = Crops.decode(p.firstView())) {
                assertThat(view.cols()).isEqualTo(64);
            }
        });
        assertThat(fromParquet).containsExactlyInAnyOrderElementsOf(fromKafka);
    }

    private static Set<String> ids(List<PairRecord> pairs) {
        return pairs.stream().map(PairRecord::pairId).collect(Collectors.toCollection(HashSet::new));
    }

    private static List<PairRecord> readShards(Path shards) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(shards)) {
            // In-progress and pending files are hidden (".part-..."); only committed shards count.
            files = walk.filter(p -> p.getFileName().toString().endsWith(".parquet")
                    && !p.getFileName().toString().startsWith(".")).toList();
        }
        assertThat(files).isNotEmpty();
        List<PairRecord> pairs = new ArrayList<>();
        for (Path file : files) {
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
                    .build()) {
                for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                    pairs.add(PairRecords.fromAvro(r));
                }
            }
        }
        return pairs;
    }
}
