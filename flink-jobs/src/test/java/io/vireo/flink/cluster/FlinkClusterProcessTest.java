package io.vireo.flink.cluster;

import io.vireo.ingest.process.StopOutcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One real standalone cluster (a JobManager JVM and two TaskManager JVMs) for the whole class: its
 * processes, what the data dir tells another JVM, a checkpointed job whose classes reach the
 * cluster only in its job jar, and finally a stop through the data dir, as {@code vireo flink stop}
 * does it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkClusterProcessTest {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

    private static Path dataDir;
    private static FlinkClusterProcess cluster;

    @BeforeAll
    static void startCluster() {
        dataDir = ClusterTestDirs.newDataDir("lifecycle");
        // Without the test classes: the test job's classes reach the TaskManagers only in its job jar.
        cluster = FlinkClusterProcess.start(ClusterTestDirs.settings(dataDir)
                .withClasspath(TestJars.classpathWithoutTestClasses()));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.stop(Duration.ofSeconds(20));
        }
    }

    @Test
    @Order(1)
    void jobManagerAndTwoTaskManagersAreSeparateJvmsRegisteredOverRest() {
        long self = ProcessHandle.current().pid();
        List<Long> pids = new ArrayList<>(cluster.taskManagerPids());
        pids.add(cluster.jobManagerPid());
        assertThat(pids).hasSize(3).doesNotHaveDuplicates().doesNotContain(self);
        pids.forEach(pid -> assertThat(ProcessHandle.of(pid)).as("pid %d", pid).get()
                .matches(ProcessHandle::isAlive)
                .satisfies(h -> assertThat(h.parent().map(ProcessHandle::pid)).contains(self)));

        assertThat(cluster.restAddress()).startsWith("127.0.0.1:");
        assertThat(cluster.registeredTaskManagerIds()).containsExactlyInAnyOrderElementsOf(cluster.taskManagerIds())
                .hasSize(2);
        JsonNode overview = ClusterRest.get(cluster.restAddress(), "/overview", Duration.ofSeconds(5)).orElseThrow();
        assertThat(overview.path("taskmanagers").asInt()).isEqualTo(2);
        assertThat(overview.path("slots-total").asInt()).isEqualTo(4);
        assertThat(overview.path("flink-version").asText()).startsWith("2.2");
    }

    @Test
    @Order(2)
    void anotherJvmFindsTheClusterThroughItsDataDir() throws Exception {
        ClusterStatus status = FlinkClusterProcess.status(dataDir);
        assertThat(status).isInstanceOf(ClusterStatus.Running.class);
        RunningCluster found = FlinkClusterProcess.find(dataDir).orElseThrow();
        assertThat(found.restAddress()).isEqualTo(cluster.restAddress());
        assertThat(found.jobManagerPid()).isEqualTo(cluster.jobManagerPid());
        assertThat(found.taskManagerPids()).containsExactlyInAnyOrderElementsOf(cluster.taskManagerPids());
        assertThat(found.registeredTaskManagers()).isEqualTo(2);
        assertThat(status.describe()).contains("running", cluster.restAddress(), "2 registered");

        String yaml = Files.readString(dataDir.resolve("conf/config.yaml"));
        assertThat(yaml).contains("jobmanager.bind-host: 127.0.0.1", "taskmanager.bind-host: 127.0.0.1",
                "rest.bind-address: 127.0.0.1", "execution.checkpointing.dir: file:");
        // Each process logs to its own file in the data dir.
        assertThat(dataDir.resolve("logs/jobmanager.log")).isNotEmptyFile();
        assertThat(dataDir.resolve("logs/taskmanager-1.log")).isNotEmptyFile();
        assertThat(dataDir.resolve("logs/taskmanager-2.log")).isNotEmptyFile();
    }

    @Test
    @Order(3)
    void startingTheSameDataDirAgainIsRefusedWithTheRunningAddress() {
        assertThatThrownBy(() -> FlinkClusterProcess.start(ClusterTestDirs.settings(dataDir)))
                .isInstanceOf(ClusterStartException.class)
                .hasMessageContaining("already runs")
                .hasMessageContaining(cluster.restAddress());
    }

    @Test
    @Order(4)
    void aJobWhoseClassesAreNotOnTheClusterFailsWithoutItsJar() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        CountingJob.finalCountsToAccumulator(CountingJob.runningCounts(env, 10, 2, 100));
        try (ClusterSubmitter submitter = ClusterSubmitter.connect(cluster.restAddress())) {
            assertThatThrownBy(() -> submitter.awaitSuccess(submitter.submit(env, "no-jar", List.of()), JOB_TIMEOUT))
                    .satisfies(e -> assertThat(ExceptionUtils.stringifyException(e))
                            .contains("ClassNotFoundException", CountingJob.class.getName()));
        }
    }

    @Test
    @Order(5)
    void checkpointedJobShippedAsAJarFinishesWithTheRightCounts() throws Exception {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        long count = 2000;
        int keys = 4;
        CountingJob.finalCountsToAccumulator(CountingJob.runningCounts(env, count, keys, 1000));

        try (ClusterSubmitter submitter = ClusterSubmitter.connect(cluster.restAddress())) {
            Path jar = TestJars.jarOf(dataDir.resolve("counting-job.jar"), CountingJob.class);
            JobID job = submitter.submit(env, "counting", List.of(jar));
            JobExecutionResult result = submitter.awaitSuccess(job, JOB_TIMEOUT);

            assertThat(CountingJob.results(result)).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, keys).mapToObj(k -> k + ":" + count / keys).toList());
            // The job ran for ~2 s with a 500 ms interval: checkpoints were taken, in the cluster's checkpoint dir.
            JsonNode checkpoints = ClusterRest.get(cluster.restAddress(), "/jobs/" + job + "/checkpoints",
                    Duration.ofSeconds(5)).orElseThrow();
            assertThat(checkpoints.path("counts").path("completed").asInt()).isPositive();
            assertThat(checkpoints.path("latest").path("completed").path("external_path").asText())
                    .startsWith("file:").contains(dataDir.resolve("checkpoints").toString() + "/" + job + "/chk-");
        }
    }

    @Test
    @Order(6)
    void stopThroughTheDataDirIsGracefulAndLeavesNoProcess() {
        List<ProcessHandle> processes = new ArrayList<>();
        processes.add(ProcessHandle.of(cluster.jobManagerPid()).orElseThrow());
        cluster.taskManagerPids().forEach(pid -> processes.add(ProcessHandle.of(pid).orElseThrow()));

        assertThat(FlinkClusterProcess.stop(dataDir, Duration.ofSeconds(30))).isEqualTo(StopOutcome.GRACEFUL);

        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(FlinkClusterProcess.status(dataDir)).isInstanceOf(ClusterStatus.NotRunning.class);
        assertThat(FlinkClusterProcess.find(dataDir)).isEqualTo(Optional.empty());
        assertThat(FlinkClusterProcess.stop(dataDir, Duration.ofSeconds(5))).isEqualTo(StopOutcome.NOT_RUNNING);
        // Flink logged its own orderly shutdown (SIGTERM runs its shutdown hooks).
        assertThat(cluster.jobManagerLog()).content().contains("Shutting StandaloneSessionClusterEntrypoint down");
    }
}
