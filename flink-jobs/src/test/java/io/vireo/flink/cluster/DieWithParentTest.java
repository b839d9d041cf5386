package io.vireo.flink.cluster;

import io.vireo.ingest.process.StopOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A JVM that started a cluster with dieWithParent is SIGKILLed: every cluster JVM must exit on its own. */
class DieWithParentTest {

    private static final Duration CLUSTER_START = Duration.ofSeconds(120);
    /** The launcher's orphan limit (20 s) plus the parent poll and some slack. */
    private static final Duration ORPHAN_EXIT = Duration.ofSeconds(40);

    @Test
    void clusterProcessesExitWhenTheJvmThatStartedThemIsKilled() throws Exception {
        Path dataDir = ClusterTestDirs.newDataDir("orphans");
        Path argFile = dataDir.resolve("intermediate-classpath.args");
        Files.writeString(argFile, "-cp\n\"" + FlinkClusterSettings.currentClasspath().stream().map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator)) + "\"\n");
        Process intermediate = new ProcessBuilder(FlinkClusterProcess.javaBinary(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "@" + argFile, StartClusterAndWait.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        List<ProcessHandle> cluster = new ArrayList<>();
        try {
            for (long pid : readPids(intermediate)) {
                cluster.add(ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("pid " + pid + " already gone")));
            }
            assertThat(cluster).hasSize(2);
            assertThat(FlinkClusterProcess.status(dataDir).isRunning()).isTrue();

            intermediate.destroyForcibly(); // SIGKILL: no shutdown hook of the intermediate JVM runs
            intermediate.waitFor(10, TimeUnit.SECONDS);

            for (ProcessHandle p : cluster) {
                assertThat(p.onExit().completeOnTimeout(null, ORPHAN_EXIT.toMillis(), TimeUnit.MILLISECONDS).get())
                        .as("cluster pid %d should exit within %s of its parent's death", p.pid(), ORPHAN_EXIT)
                        .isNotNull();
            }
            assertThat(Files.readString(dataDir.resolve("logs/jobmanager.out")))
                    .contains("Parent process " + intermediate.pid() + " is gone");
            assertThat(FlinkClusterProcess.status(dataDir)).isInstanceOf(ClusterStatus.Stale.class);
            assertThat(FlinkClusterProcess.stop(dataDir, Duration.ofSeconds(5))).isEqualTo(StopOutcome.NOT_RUNNING);
            assertThat(FlinkClusterProcess.status(dataDir)).isInstanceOf(ClusterStatus.NotRunning.class);
        } finally {
            intermediate.destroyForcibly();
            cluster.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static long[] readPids(Process intermediate) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(intermediate.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = out.readLine(); l != null; l = out.readLine()) {
                    if (l.startsWith(StartClusterAndWait.PIDS_PREFIX)) {
                        return l;
                    }
                    seen.append(l).append('\n');
                }
            } catch (Exception e) {
                seen.append(e);
            }
            throw new IllegalStateException("intermediate JVM ended without reporting cluster pids:\n" + seen);
        });
        String pids = line.get(CLUSTER_START.toSeconds(), TimeUnit.SECONDS).substring(StartClusterAndWait.PIDS_PREFIX.length());
        return Arrays.stream(pids.trim().split(" ")).mapToLong(Long::parseLong).toArray();
    }
}
