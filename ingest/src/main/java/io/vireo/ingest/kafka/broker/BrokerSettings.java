package io.vireo.ingest.kafka.broker;

import io.vireo.ingest.kafka.MessageLimits;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How to run one single-node KRaft broker process.
 *
 * @param dataDir         everything the broker owns lives here: config, logs, Kafka's log dirs,
 *                        pid and bootstrap files; the same dir restarts the same broker
 * @param host            the loopback address both listeners bind to
 * @param brokerPort      PLAINTEXT (client) port; 0 = the port persisted in the data dir, or a free one
 * @param controllerPort  KRaft CONTROLLER port; 0 = as for brokerPort
 * @param heap            the child's -Xmx, e.g. {@code 512m}
 * @param maxMessageBytes largest record batch the broker accepts (see {@link MessageLimits})
 * @param classpath       what the child JVM runs with; must hold kafka_2.13, log4j-core and this module
 * @param dieWithParent   the child exits when this JVM is gone, so a crashed test never leaves an orphan
 * @param startTimeout    how long {@link KafkaBrokerProcess#start} waits for the broker to answer
 */
public record BrokerSettings(
        Path dataDir,
        String host,
        int brokerPort,
        int controllerPort,
        String heap,
        int maxMessageBytes,
        List<Path> classpath,
        boolean dieWithParent,
        Duration startTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_HEAP = "512m";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    public BrokerSettings {
        require(dataDir != null, "dataDir", "must be set");
        dataDir = dataDir.toAbsolutePath().normalize();
        require(host != null && !host.isBlank(), "host", "must be set");
        requirePort(brokerPort, "brokerPort");
        requirePort(controllerPort, "controllerPort");
        require(brokerPort == 0 || brokerPort != controllerPort, "controllerPort",
                "must differ from brokerPort, both were " + brokerPort);
        require(heap != null && HEAP.matcher(heap).matches(), "heap",
                "must be a JVM size like 512m or 1g, was '" + heap + "'");
        require(maxMessageBytes >= 1024, "maxMessageBytes", "must be at least 1024, was " + maxMessageBytes);
        require(classpath != null && !classpath.isEmpty(), "classpath", "must name at least one entry");
        classpath = List.copyOf(classpath);
        require(startTimeout != null && !startTimeout.isNegative() && !startTimeout.isZero(), "startTimeout",
                "must be positive, was " + startTimeout);
    }

    /** Loopback, free ports, 512m heap, 20 MiB messages, this JVM's classpath, no parent watch. */
    public static BrokerSettings defaults(Path dataDir) {
        return new BrokerSettings(dataDir, DEFAULT_HOST, 0, 0, DEFAULT_HEAP, MessageLimits.DEFAULT_MAX_MESSAGE_BYTES,
                currentClasspath(), false, DEFAULT_START_TIMEOUT);
    }

    /**
     * This JVM's classpath. Surefire replaces {@code java.class.path} in its forked JVM with the full
     * test classpath; where the classpath is a single launcher jar whose manifest lists the rest
     * ({@code java -jar}, manifest-only booter jars), passing that jar with {@code -cp} works too
     * because the JVM follows manifest {@code Class-Path} entries of jars on {@code -cp}.
     */
    public static List<Path> currentClasspath() {
        String cp = System.getProperty("java.class.path", "");
        return Arrays.stream(cp.split(Pattern.quote(File.pathSeparator)))
                .filter(s -> !s.isBlank())
                .flatMap(BrokerSettings::expandWildcard)
                .toList();
    }

    /** {@code dir/*} on a classpath means every jar in dir (how the {@code vireo} launcher runs); list them. */
    private static java.util.stream.Stream<Path> expandWildcard(String entry) {
        if (!entry.endsWith("*")) {
            return java.util.stream.Stream.of(Path.of(entry));
        }
        Path dir = Path.of(entry.substring(0, entry.length() - 1));
        try (var files = java.nio.file.Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList().stream();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("classpath folder " + dir + " cannot be listed: " + e.getMessage(), e);
        }
    }

    public BrokerSettings withPorts(int brokerPort, int controllerPort) {
        return new BrokerSettings(dataDir, host, brokerPort, controllerPort, heap, maxMessageBytes, classpath,
                dieWithParent, startTimeout);
    }

    public BrokerSettings withHost(String host) {
        return new BrokerSettings(dataDir, host, brokerPort, controllerPort, heap, maxMessageBytes, classpath,
                dieWithParent, startTimeout);
    }

    public BrokerSettings withHeap(String heap) {
        return new BrokerSettings(dataDir, host, brokerPort, controllerPort, heap, maxMessageBytes, classpath,
                dieWithParent, startTimeout);
    }

    public BrokerSettings withMaxMessageBytes(int maxMessageBytes) {
        return new BrokerSettings(dataDir, host, brokerPort, controllerPort, heap, maxMessageBytes, classpath,
                dieWithParent, startTimeout);
    }

    public BrokerSettings withClasspath(List<Path> classpath) {
        return new BrokerSettings(dataDir, host, brokerPort, controllerPort, heap, maxMessageBytes, classpath,
                dieWithParent, startTimeout);
    }

    public BrokerSettings withDieWithParent(boolean dieWithParent) {
        return new BrokerSettings(dataDir, host, brokerPort, controllerPort, heap, maxMessageBytes, classpath,
                dieWithParent, startTimeout);
    }

    public BrokerSettings withStartTimeout(Duration startTimeout) {
        return new BrokerSettings(dataDir, host, brokerPort, controllerPort, heap, maxMessageBytes, classpath,
                dieWithParent, startTimeout);
    }

    public MessageLimits messageLimits() {
        return new MessageLimits(maxMessageBytes);
    }

    private static void requirePort(int port, String field) {
        require(port >= 0 && port <= 65535, field, "must be 0 (pick a free port) or 1..65535, was " + port);
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("BrokerSettings." + field + " " + problem);
        }
    }

    @Override
    public String toString() {
        // The classpath can be thousands of characters; it would drown every message that prints settings.
        return "BrokerSettings[dataDir=" + dataDir + ", host=" + host + ", brokerPort=" + brokerPort
                + ", controllerPort=" + controllerPort + ", heap=" + heap + ", maxMessageBytes=" + maxMessageBytes
                + ", classpath=" + classpath.size() + " entries, dieWithParent=" + dieWithParent
                + ", startTimeout=" + startTimeout + "]";
    }
}
