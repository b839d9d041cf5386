package io.vireo.flink.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Data dirs of test clusters, under target/ (Maven's working dir) rather than a JUnit temp dir: the
 * logs of a failed run stay for reading, and {@code mvn clean} removes them.
 */
final class ClusterTestDirs {

    private ClusterTestDirs() {
    }

    static Path newDataDir(String name) {
        try {
            Path root = Files.createDirectories(Path.of("target", "flink-cluster-tests").toAbsolutePath());
            return Files.createTempDirectory(root, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a test cluster dir", e);
        }
    }

    /** Test clusters: 2 TaskManagers, die with the test JVM, everything else as the defaults. */
    static FlinkClusterSettings settings(Path dataDir) {
        return FlinkClusterSettings.defaults(dataDir).withTaskManagers(2, 2).withDieWithParent(true);
    }
}
