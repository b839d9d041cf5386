package io.vireo.flink.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How to run one standalone Flink session cluster on this machine: one JobManager JVM and
 * {@code taskManagers} TaskManager JVMs, all bound to {@code host}.
 *
 * @param dataDir             everything the cluster owns lives here: conf/, logs, pid files,
 *                            checkpoints, temp files; the same dir restarts the same cluster (same ports)
 * @param host                the address every Flink endpoint binds to and advertises (loopback by default)
 * @param restPort            REST API port; 0 = the one persisted in the data dir, or a free one
 * @param rpcPort             JobManager RPC port (TaskManagers dial it); 0 = as for restPort
 * @param taskManagers        how many TaskManager JVMs {@link FlinkClusterProcess#start} launches
 * @param slotsPerTaskManager task slots of each TaskManager
 * @param jobManagerMemory    {@code jobmanager.memory.process.size}, e.g. {@code 768m}
 * @param taskManagerMemory   {@code taskmanager.memory.process.size}, e.g. {@code 1g}
 * @param classpath           what the JobManager and TaskManagers run with (absolute entries); must hold
 *                            flink-runtime, log4j-core and this module, and every class of the jobs that are
 *                            submitted without a job jar
 * @param jvmOptions          extra options for every cluster JVM (e.g. {@code -Dorg.bytedeco.javacpp.cachedir=...})
 * @param flinkConfig         extra or overriding {@code config.yaml} entries (flat keys), written last
 * @param dieWithParent       every cluster JVM exits when this JVM is gone, so a crashed test leaves no orphan
 * @param startTimeout        how long start waits for all TaskManagers to register
 */
public record FlinkClusterSettings(
        Path dataDir,
        String host,
        int restPort,
        int rpcPort,
        int taskManagers,
        int slotsPerTaskManager,
        String jobManagerMemory,
        String taskManagerMemory,
        List<Path> classpath,
        List<String> jvmOptions,
        Map<String, String> flinkConfig,
        boolean dieWithParent,
        Duration startTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Flink's floor is about 650m (metaspace, overhead, off-heap); 768m leaves the JM ~190m of heap. */
    public static final String DEFAULT_JOB_MANAGER_MEMORY = "768m";
    /** Near Flink's floor for a TaskManager; with the small managed-memory fraction written to config.yaml
     *  this leaves ~225m of task heap, enough for decoded 640x360 frames. */
    public static final String DEFAULT_TASK_MANAGER_MEMORY = "1g";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);
    /** The JavaCPP native cache of the parent, so TaskManagers do not unpack FFmpeg/OpenCV again. */
    static final String JAVACPP_CACHEDIR = "org.bytedeco.javacpp.cachedir";

    private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]*(b|k|kb|m|mb|g|gb)", Pattern.CASE_INSENSITIVE);

    public FlinkClusterSettings {
        require(dataDir != null, "dataDir", "must be set");
        dataDir = dataDir.toAbsolutePath().normalize();
        require(host != null && !host.isBlank() && !host.contains(" "), "host", "must be an address, was '" + host + "'");
        requirePort(restPort, "restPort");
        requirePort(rpcPort, "rpcPort");
        require(restPort == 0 || restPort != rpcPort, "rpcPort", "must differ from restPort, both were " + restPort);
        require(taskManagers >= 0 && taskManagers <= 64, "taskManagers", "must be 0..64, was " + taskManagers);
        require(slotsPerTaskManager >= 1 && slotsPerTaskManager <= 256, "slotsPerTaskManager",
                "must be 1..256, was " + slotsPerTaskManager);
        require(jobManagerMemory != null && MEMORY.matcher(jobManagerMemory).matches(), "jobManagerMemory",
                "must be a size like 768m or 1g, was '" + jobManagerMemory + "'");
        require(taskManagerMemory != null && MEMORY.matcher(taskManagerMemory).matches(), "taskManagerMemory",
                "must be a size like 1g or 1536m, was '" + taskManagerMemory + "'");
        require(classpath != null && !classpath.isEmpty(), "classpath", "must name at least one entry");
        // The children run in the data dir, where relative entries would point elsewhere.
        classpath = classpath.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        require(jvmOptions != null, "jvmOptions", "must be set (may be empty)");
        for (String o : jvmOptions) {
            require(o != null && o.startsWith("-") && o.indexOf('\n') < 0, "jvmOptions",
                    "entries must be single-line JVM options starting with '-', was '" + o + "'");
        }
        jvmOptions = List.copyOf(jvmOptions);
        require(flinkConfig != null, "flinkConfig", "must be set (may be empty)");
        for (Map.Entry<String, String> e : flinkConfig.entrySet()) {
            require(e.getKey() != null && e.getKey().matches("[A-Za-z0-9._-]+"), "flinkConfig",
                    "keys must be flat Flink keys like heartbeat.timeout, was '" + e.getKey() + "'");
            require(e.getValue() != null && e.getValue().indexOf('\n') < 0, "flinkConfig",
                    "value of " + e.getKey() + " must be one line");
        }
        flinkConfig = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(flinkConfig));
        require(startTimeout != null && !startTimeout.isNegative() && !startTimeout.isZero(), "startTimeout",
                "must be positive, was " + startTimeout);
    }

    /** Loopback, free ports, 2 TaskManagers with 2 slots, smallest memory, this JVM's classpath, no parent watch. */
    public static FlinkClusterSettings defaults(Path dataDir) {
        return new FlinkClusterSettings(dataDir, DEFAULT_HOST, 0, 0, 2, 2, DEFAULT_JOB_MANAGER_MEMORY,
                DEFAULT_TASK_MANAGER_MEMORY, currentClasspath(), inheritedJvmOptions(), Map.of(), false,
                DEFAULT_START_TIMEOUT);
    }

    /**
     * This JVM's classpath with {@code dir/*} entries expanded to their jars and every entry made
     * absolute. A manifest-only launcher jar (surefire's booter, {@code java -jar}) works as-is: the
     * JVM follows manifest {@code Class-Path} entries of jars on {@code -cp}.
     */
    public static List<Path> currentClasspath() {
        String cp = System.getProperty("java.class.path", "");
        return Arrays.stream(cp.split(Pattern.quote(File.pathSeparator)))
                .filter(s -> !s.isBlank())
                .flatMap(FlinkClusterSettings::expandWildcard)
                .map(p -> p.toAbsolutePath().normalize())
                .toList();
    }

    /** System properties of this JVM that the cluster JVMs should share (the JavaCPP cache). */
    public static List<String> inheritedJvmOptions() {
        List<String> out = new ArrayList<>();
        String cache = System.getProperty(JAVACPP_CACHEDIR);
        if (cache != null && !cache.isBlank()) {
            out.add("-D" + JAVACPP_CACHEDIR + "=" + cache);
        }
        return out;
    }

    private static Stream<Path> expandWildcard(String entry) {
        if (!entry.endsWith("*")) {
            return Stream.of(Path.of(entry));
        }
        Path dir = Path.of(entry.substring(0, entry.length() - 1));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList().stream();
        } catch (IOException e) {
            throw new IllegalArgumentException("FlinkClusterSettings.classpath folder " + dir + " cannot be listed: "
                    + e.getMessage(), e);
        }
    }

    public FlinkClusterSettings withPorts(int restPort, int rpcPort) {
        return new FlinkClusterSettings(dataDir, host, restPort, rpcPort, taskManagers, slotsPerTaskManager,
                jobManagerMemory, taskManagerMemory, classpath, jvmOptions, flinkConfig, dieWithParent, startTimeout);
    }

    public FlinkClusterSettings withTaskManagers(int taskManagers, int slotsPerTaskManager) {
        return new FlinkClusterSettings(dataDir, host, restPort, rpcPort, taskManagers, slotsPerTaskManager,
                jobManagerMemory, taskManagerMemory, classpath, jvmOptions, flinkConfig, dieWithParent, startTimeout);
    }

    public FlinkClusterSettings withMemory(String jobManagerMemory, String taskManagerMemory) {
        return new FlinkClusterSettings(dataDir, host, restPort, rpcPort, taskManagers, slotsPerTaskManager,
                jobManagerMemory, taskManagerMemory, classpath, jvmOptions, flinkConfig, dieWithParent, startTimeout);
    }

    public FlinkClusterSettings withClasspath(List<Path> classpath) {
        return new FlinkClusterSettings(dataDir, host, restPort, rpcPort, taskManagers, slotsPerTaskManager,
                jobManagerMemory, taskManagerMemory, classpath, jvmOptions, flinkConfig, dieWithParent, startTimeout);
    }

    public FlinkClusterSettings withJvmOptions(List<String> jvmOptions) {
        return new FlinkClusterSettings(dataDir, host, restPort, rpcPort, taskManagers, slotsPerTaskManager,
                jobManagerMemory, taskManagerMemory, classpath, jvmOptions, flinkConfig, dieWithParent, startTimeout);
    }

    public FlinkClusterSettings withFlinkConfig(Map<String, String> flinkConfig) {
        return new FlinkClusterSettings(dataDir, host, restPort, rpcPort, taskManagers, slotsPerTaskManager,
                jobManagerMemory, taskManagerMemory, classpath, jvmOptions, flinkConfig, dieWithParent, startTimeout);
    }

    public FlinkClusterSettings withDieWithParent(boolean dieWithParent) {
        return new FlinkClusterSettings(dataDir, host, restPort, rpcPort, taskManagers, slotsPerTaskManager,
                jobManagerMemory, taskManagerMemory, classpath, jvmOptions, flinkConfig, dieWithParent, startTimeout);
    }

    public FlinkClusterSettings withStartTimeout(Duration startTimeout) {
        return new FlinkClusterSettings(dataDir, host, restPort, rpcPort, taskManagers, slotsPerTaskManager,
                jobManagerMemory, taskManagerMemory, classpath, jvmOptions, flinkConfig, dieWithParent, startTimeout);
    }

    private static void requirePort(int port, String field) {
        require(port >= 0 && port <= 65535, field, "must be 0 (pick a free port) or 1..65535, was " + port);
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("FlinkClusterSettings." + field + " " + problem);
        }
    }

    @Override
    public String toString() {
        // The classpath can be thousands of characters; it would drown every message that prints settings.
        return "FlinkClusterSettings[dataDir=" + dataDir + ", host=" + host + ", restPort=" + restPort + ", rpcPort="
                + rpcPort + ", taskManagers=" + taskManagers + "x" + slotsPerTaskManager + " slots, memory JM="
                + jobManagerMemory + " TM=" + taskManagerMemory + ", classpath=" + classpath.size() + " entries, jvmOptions="
                + jvmOptions + ", flinkConfig=" + flinkConfig + ", dieWithParent=" + dieWithParent + ", startTimeout="
                + startTimeout + "]";
    }
}
