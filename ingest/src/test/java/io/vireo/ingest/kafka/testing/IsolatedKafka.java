package io.vireo.ingest.kafka.testing;

import io.vireo.ingest.process.StopOutcome;
import io.vireo.ingest.kafka.broker.BrokerSettings;
import io.vireo.ingest.kafka.broker.KafkaBrokerProcess;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A broker owned by one test, for fault injection: stop, kill and start it without disturbing
 * other tests. The bootstrap address survives restarts (ports are persisted in the data dir), so
 * clients created before a restart reconnect by themselves. Not thread-safe: drive it from the test.
 */
public final class IsolatedKafka implements AutoCloseable {

    /** Smaller than the shared broker: fault tests move little data, and the machine is shared. */
    static final String HEAP = "256m";
    static final Duration GRACE = Duration.ofSeconds(20);

    private final BrokerSettings settings;
    private final TestKafka kafka;
    private KafkaBrokerProcess process;

    private IsolatedKafka(BrokerSettings settings, KafkaBrokerProcess process) {
        this.settings = settings;
        this.process = process;
        this.kafka = new TestKafka(process.bootstrapServers(), settings.messageLimits());
    }

    static IsolatedKafka start(Path dataDir) {
        BrokerSettings settings = BrokerSettings.defaults(dataDir).withHeap(HEAP).withDieWithParent(true);
        return new IsolatedKafka(settings, KafkaBrokerProcess.start(settings));
    }

    /** Address and client helpers; valid across restarts. */
    public TestKafka kafka() {
        return kafka;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The pid of the current broker JVM. */
    public long pid() {
        requireRunning("pid");
        return process.pid();
    }

    /** Graceful shutdown (SIGTERM), forced after 20 s; tells which it was. */
    public StopOutcome stop() {
        requireRunning("stop");
        StopOutcome outcome = process.stop(GRACE);
        process = null;
        return outcome;
    }

    /** SIGKILL: a crash, no clean shutdown; the next {@link #start()} recovers the logs. */
    public void kill() {
        requireRunning("kill");
        process.kill();
        process = null;
    }

    /** Starts the broker again on the same data dir and address. */
    public void start() {
        if (isRunning()) {
            throw new IllegalStateException("broker at " + bootstrapServers() + " is already running");
        }
        process = KafkaBrokerProcess.start(settings);
    }

    /** Graceful stop, then start. */
    public void restart() {
        stop();
        start();
    }

    @Override
    public void close() {
        if (isRunning()) {
            process.stop(GRACE);
        }
        process = null;
    }

    private void requireRunning(String action) {
        if (!isRunning()) {
            throw new IllegalStateException("cannot " + action + ": broker at " + bootstrapServers() + " is not running");
        }
    }
}
