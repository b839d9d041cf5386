package io.vireo.ingest.kafka.testing;

import io.vireo.ingest.kafka.broker.BrokerSettings;
import io.vireo.ingest.kafka.broker.KafkaBrokerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Provides the test JVM's one shared Kafka broker as a {@link TestKafka} parameter (constructor,
 * {@code @BeforeAll}, {@code @BeforeEach} or test method).
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class MyIT {
 *     @Test void roundTrip(TestKafka kafka) {
 *         String topic = kafka.createUniqueTopic("chunks", 1);
 *         try (var producer = new KafkaProducer<String, byte[]>(kafka.producerProperties())) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>The broker starts on first use, lives in the JUnit root store, and is stopped when the test
 * run ends; it also watches this JVM, so a crashed test run does not leave it behind. Its data
 * dir is under {@code target/} when run by Maven, so {@code mvn clean} removes leftovers.
 * The broker jars (org.apache.kafka:kafka_2.13, log4j-core, log4j-slf4j2-impl) must be on the
 * test classpath of the module using this extension.
 */
public final class KafkaBrokerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedBroker.class, k -> SharedBroker.start(), SharedBroker.class)
                .kafka();
    }

    /** Closed by JUnit when the root context closes, i.e. after the last test of the run. */
    static final class SharedBroker implements ExtensionContext.Store.CloseableResource {

        private static final Duration GRACE = Duration.ofSeconds(15);

        private final Path dataDir;
        private final KafkaBrokerProcess process;
        private final TestKafka kafka;

        private SharedBroker(Path dataDir, KafkaBrokerProcess process) {
            this.dataDir = dataDir;
            this.process = process;
            this.kafka = new TestKafka(process.bootstrapServers(), process.settings().messageLimits());
        }

        static SharedBroker start() {
            Path dataDir = newDataDir();
            BrokerSettings settings = BrokerSettings.defaults(dataDir).withDieWithParent(true);
            return new SharedBroker(dataDir, KafkaBrokerProcess.start(settings));
        }

        TestKafka kafka() {
            return kafka;
        }

        @Override
        public void close() {
            try {
                process.stop(GRACE);
            } finally {
                deleteRecursively(dataDir);
            }
        }

        private static Path newDataDir() {
            try {
                // Surefire sets basedir to the module; keep leftovers of crashed runs where mvn clean finds them.
                String basedir = System.getProperty("basedir");
                Path parent = basedir != null ? Path.of(basedir, "target", "kafka-brokers")
                        : Path.of(System.getProperty("java.io.tmpdir"));
                Files.createDirectories(parent);
                return Files.createTempDirectory(parent, "shared-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a data dir for the shared Kafka broker", e);
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Leftovers under target/ are harmless; failing the whole run over them is not.
        }
    }
}
