package io.vireo.flink.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Start failures name what is wrong, and leave no process and no pid file behind. */
class FlinkClusterStartFailureTest {

    @Test
    void aTakenRestPortIsReportedWithTheSettingAndAddress() throws Exception {
        Path dataDir = ClusterTestDirs.newDataDir("port-taken");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            assertThatThrownBy(() -> FlinkClusterProcess.start(ClusterTestDirs.settings(dataDir)
                    .withPorts(taken.getLocalPort(), 0)))
                    .isInstanceOf(ClusterStartException.class)
                    .hasMessageContaining("restPort")
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
        }
        assertThat(FlinkClusterProcess.status(dataDir)).isInstanceOf(ClusterStatus.NotRunning.class);
    }

    @Test
    void aProcessThatDiesDuringStartupIsReportedWithItsLogTail() {
        Path dataDir = ClusterTestDirs.newDataDir("dies");
        FlinkClusterSettings broken = ClusterTestDirs.settings(dataDir).withJvmOptions(List.of("-XX:+VireoNoSuchOption"));
        assertThatThrownBy(() -> FlinkClusterProcess.start(broken))
                .isInstanceOf(ClusterStartException.class)
                .hasMessageContaining("exited with code")
                // Every process gets the bad option; whichever dies first is the one reported.
                .hasMessageMatching("(?s).*logs/(jobmanager|taskmanager-\\d+)\\.out.*")
                .hasMessageContaining("VireoNoSuchOption");
        assertThat(FlinkClusterProcess.status(dataDir)).isInstanceOf(ClusterStatus.NotRunning.class);
    }

    @Test
    void aRestartedClusterKeepsItsRestAddress() {
        Path dataDir = ClusterTestDirs.newDataDir("restart");
        FlinkClusterSettings settings = ClusterTestDirs.settings(dataDir).withTaskManagers(0, 1);
        String first;
        try (FlinkClusterProcess cluster = FlinkClusterProcess.start(settings)) {
            first = cluster.restAddress();
        }
        try (FlinkClusterProcess again = FlinkClusterProcess.start(settings)) {
            assertThat(again.restAddress()).isEqualTo(first);
            assertThat(FlinkClusterProcess.find(dataDir)).get().extracting(RunningCluster::restAddress).isEqualTo(first);
        }
    }
}
