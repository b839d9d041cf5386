package io.vireo.flink.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vireo.flink.PairJobConfig;
import io.vireo.flink.PairJobRunner;
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
import io.vireo.synth.SceneSynthesizer;
import io.vireo.synth.SynthConfig;
import io.vireo.synth.SynthResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real PairBuilderJob on real chunks (a synthetic video ingested by the Ingestor), run twice on
 * the same chunk topic: once on the embedded MiniCluster, once on the standalone cluster with a
 * TaskManager SIGKILLed mid-job and replaced. Both runs must produce the same
 * pairs (stream, kind, shot, timestamps, boxes), and the cluster run each pair exactly once.
 */
@ExtendWith(KafkaBrokerExtension.class)
class PairJobOnClusterTest {

    private FlinkClusterProcess cluster;

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.stop(Duration.ofSeconds(20));
        }
    }

    @Test
    void sameChunksGiveTheSamePairsOnMiniClusterAndOnTheStandaloneClusterDespiteALostTaskManager(TestKafka kafka)
            throws Exception {
        Path dataDir = ClusterTestDirs.newDataDir("pairs");
        SynthResult video = SceneSynthesizer.generate(
                SynthConfig.builder().seed(5).seconds(6).objectsPerShot(2).occludersPerShot(0).build(),
                dataDir.resolve("video"), "scene");
        String chunkTopic = kafka.createUniqueTopic("chunks", 2);
        IngestReport ingest = new Ingestor(KafkaSettings.of(kafka.bootstrapServers()),
                ChunkTopic.defaults().named(chunkTopic).withPartitions(2), ChunkerOptions.defaults(), IngestListener.NONE)
                .ingest(List.of(new IngestSource(video.mp4().toString(), "cam-a"),
                        new IngestSource(video.ts().toString(), "cam-b")));
        assertThat(ingest.ok()).as(ingest.toString()).isTrue();

        // Reference: the MiniCluster in this JVM.
        String localTopic = kafka.createUniqueTopic("pairs-local", 2);
        long t0 = System.nanoTime();
        PairJobRunner.runLocal(config(kafka, chunkTopic, localTopic));
        long localMillis = (System.nanoTime() - t0) / 1_000_000;
        List<PairRecord> local = CommittedPairs.read(kafka, localTopic);

        // The same job graph on the standalone cluster, losing a TaskManager on the way.
        cluster = FlinkClusterProcess.start(ClusterTestDirs.settings(dataDir.resolve("cluster")));
        String clusterTopic = kafka.createUniqueTopic("pairs-cluster", 2);
        long t1 = System.nanoTime();
        try (ClusterSubmitter submitter = ClusterSubmitter.connect(cluster.restAddress())) {
            JobID job = submitter.submit(PairJobRunner.jobGraph(config(kafka, chunkTopic, clusterTopic)));
            submitter.awaitStatus(job, JobStatus.RUNNING, Duration.ofSeconds(60));
            // Mid-job, not after the first checkpoint: decoding back-pressures the aligned barriers, so
            // the first checkpoint of this short job completes only near its end (measured: ~12 s of ~18 s).
            Thread.sleep(4000);
            String victim = busiestTaskManager();
            assertThat(submitter.status(job)).as("the job must still run when its TaskManager dies").isEqualTo(JobStatus.RUNNING);
            cluster.killTaskManager(victim);
            cluster.startTaskManager();

            submitter.awaitSuccess(job, Duration.ofSeconds(180));
            JsonNode exceptions = ClusterRest.get(cluster.restAddress(), "/jobs/" + job + "/exceptions",
                    Duration.ofSeconds(5)).orElseThrow();
            assertThat(exceptions.path("exceptionHistory").path("entries").size())
                    .as("the job failed over: %s", exceptions).isPositive();
        }
        long clusterMillis = (System.nanoTime() - t1) / 1_000_000;
        List<PairRecord> remote = CommittedPairs.read(kafka, clusterTopic);
        System.out.printf("pair job: MiniCluster %d ms, %d pairs; standalone cluster with a TaskManager kill %d ms,"
                + " %d pairs%n", localMillis, local.size(), clusterMillis, remote.size());

        assertThat(local).extracting(PairRecord::kind).contains(PairRecord.Kind.FRAME, PairRecord.Kind.REGION);
        assertThat(remote.stream().map(PairRecord::pairId).toList()).as("exactly once on the cluster").doesNotHaveDuplicates();
        assertThat(keys(remote)).isEqualTo(keys(local));
    }

    private static PairJobConfig config(TestKafka kafka, String chunkTopic, String pairTopic) {
        return PairJobConfig.fromMap(Map.ofEntries(
                Map.entry("bootstrap-servers", kafka.bootstrapServers()),
                Map.entry("chunk-topic", chunkTopic),
                Map.entry("pair-topic", pairTopic),
                Map.entry("consumer-group", "cluster-" + pairTopic),
                Map.entry("transactional-id-prefix", "cluster-" + pairTopic),
                Map.entry("bounded", "true"),
                Map.entry("sample-fps", "10"),
                Map.entry("min-dt", "400 ms"),
                Map.entry("max-dt", "1 s"),
                Map.entry("view-size", "64"),
                Map.entry("checkpoint-interval", "1 s"),
                Map.entry("parallelism", "2")));
    }

    /** What makes a pair the same pair, whichever cluster built it. */
    private static Set<String> keys(List<PairRecord> pairs) {
        return pairs.stream().map(p -> String.join("|", p.pairId(), p.streamId(), p.kind().name(), Long.toString(p.shot()),
                        Long.toString(p.firstPtsMicros()), Long.toString(p.secondPtsMicros()), p.firstBox().toString(),
                        p.secondBox().toString()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private String busiestTaskManager() {
        Map<String, Integer> busy = ClusterRest.busySlots(cluster.restAddress(), Duration.ofSeconds(5)).orElseThrow();
        return busy.entrySet().stream().filter(e -> cluster.taskManagerIds().contains(e.getKey()))
                .max(Map.Entry.comparingByValue()).filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                .orElseThrow(() -> new AssertionError("no TaskManager runs a task of the job: " + busy));
    }

}
