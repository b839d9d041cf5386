package io.vireo.flink.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validation, classpath expansion, the generated config.yaml as Flink itself reads it, and the memory flags. */
class FlinkClusterSettingsTest {

    @Test
    void invalidSettingsNameTheField(@TempDir Path dir) {
        FlinkClusterSettings ok = FlinkClusterSettings.defaults(dir);
        assertThatThrownBy(() -> ok.withPorts(70000, 0)).hasMessageContaining("FlinkClusterSettings.restPort");
        assertThatThrownBy(() -> ok.withPorts(8081, 8081)).hasMessageContaining("FlinkClusterSettings.rpcPort");
        assertThatThrownBy(() -> ok.withTaskManagers(1, 0)).hasMessageContaining("FlinkClusterSettings.slotsPerTaskManager");
        assertThatThrownBy(() -> ok.withTaskManagers(-1, 1)).hasMessageContaining("FlinkClusterSettings.taskManagers");
        assertThatThrownBy(() -> ok.withMemory("lots", "1g")).hasMessageContaining("FlinkClusterSettings.jobManagerMemory");
        assertThatThrownBy(() -> ok.withMemory("768m", "1 g")).hasMessageContaining("FlinkClusterSettings.taskManagerMemory");
        assertThatThrownBy(() -> ok.withClasspath(List.of())).hasMessageContaining("FlinkClusterSettings.classpath");
        assertThatThrownBy(() -> ok.withJvmOptions(List.of("Xmx1g"))).hasMessageContaining("FlinkClusterSettings.jvmOptions");
        assertThatThrownBy(() -> ok.withFlinkConfig(Map.of("a b", "1"))).hasMessageContaining("FlinkClusterSettings.flinkConfig");
    }

    @Test
    void classpathIsAbsoluteWithWildcardsExpanded(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("notes.txt"));
        String saved = System.getProperty("java.class.path");
        try {
            System.setProperty("java.class.path", dir + "/*" + java.io.File.pathSeparator + "relative/classes");
            assertThat(FlinkClusterSettings.currentClasspath()).containsExactly(dir.resolve("a.jar"), dir.resolve("b.jar"),
                    Path.of("relative/classes").toAbsolutePath());
        } finally {
            System.setProperty("java.class.path", saved);
        }
        assertThat(FlinkClusterSettings.defaults(dir).withClasspath(List.of(Path.of("x.jar"))).classpath())
                .containsExactly(Path.of("x.jar").toAbsolutePath());
    }

    @Test
    void flinkReadsTheGeneratedConfigYaml(@TempDir Path dir) {
        ClusterFiles files = new ClusterFiles(dir);
        files.createDirectories();
        FlinkClusterSettings s = FlinkClusterSettings.defaults(dir).withTaskManagers(3, 2)
                .withFlinkConfig(Map.of("heartbeat.timeout", "12 s", "pipeline.name", "it's: quoted"));
        ClusterConfigFiles.write(files, s, new ClusterPorts(18081, 16123));

        Configuration conf = GlobalConfiguration.loadConfiguration(files.confDir().toString());
        assertThat(conf.get(RestOptions.PORT)).isEqualTo(18081);
        assertThat(conf.get(RestOptions.BIND_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(conf.get(JobManagerOptions.PORT)).isEqualTo(16123);
        assertThat(conf.get(JobManagerOptions.BIND_HOST)).isEqualTo("127.0.0.1");
        assertThat(conf.get(TaskManagerOptions.BIND_HOST)).isEqualTo("127.0.0.1");
        assertThat(conf.get(TaskManagerOptions.NUM_TASK_SLOTS)).isEqualTo(2);
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).startsWith("file:").contains(dir.toString());
        assertThat(conf.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        // flinkConfig entries override Vireo's defaults and survive YAML quoting.
        assertThat(conf.get(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT)).hasSeconds(12);
        assertThat(conf.getString("pipeline.name", null)).isEqualTo("it's: quoted");
    }

    @Test
    void memoryFlagsComeFromFlinkAndATooSmallTaskManagerIsRejectedByName(@TempDir Path dir) {
        ClusterFiles files = new ClusterFiles(dir);
        files.createDirectories();
        FlinkClusterSettings s = FlinkClusterSettings.defaults(dir);
        java.nio.file.Path args = files.classpathArgs();
        io.vireo.ingest.process.StateFiles.writeAtomically(args, "-cp\n\"" + String.join(java.io.File.pathSeparator,
                s.classpath().stream().map(Path::toString).toList()) + "\"\n");
        ClusterConfigFiles.write(files, s, new ClusterPorts(18081, 16123));
        ResourceParams tm = ResourceParams.taskManager(files);
        assertThat(tm.jvmArgs()).anyMatch(a -> a.startsWith("-Xmx")).anyMatch(a -> a.startsWith("-XX:MaxDirectMemorySize="));
        assertThat(tm.dynamicArgs()).contains("-D").anyMatch(a -> a.startsWith("taskmanager.memory.task.heap.size="));

        ClusterConfigFiles.write(files, s.withMemory("768m", "300m"), new ClusterPorts(18081, 16123));
        assertThatThrownBy(() -> ResourceParams.taskManager(files))
                .isInstanceOf(ClusterStartException.class)
                .hasMessageContaining("taskManagerMemory");
    }
}
