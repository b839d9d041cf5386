package io.vireo.ingest.kafka.broker;

import io.vireo.ingest.process.StopOutcome;
import io.vireo.ingest.process.LogTail;
import io.vireo.ingest.process.Ports;
import io.vireo.ingest.process.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * A real Kafka broker (KRaft, one combined broker+controller node) in its own JVM.
 *
 * <p>Everything about a broker lives in its data dir (see {@link BrokerSettings#dataDir()}), so a
 * later process can find, report and stop a broker this one started: {@link #find}, {@link #status},
 * {@link #stop(Path, Duration)}. Starting the same data dir again keeps the cluster id, the data and
 * the bootstrap address.
 */
public final class KafkaBrokerProcess {

    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

    private static final Duration FORCED_EXIT_WAIT = Duration.ofSeconds(10);
    private static final Duration READY_POLL = Duration.ofMillis(200);

    private final BrokerSettings settings;
    private final BrokerFiles files;
    private final Process process;
    private final String bootstrapServers;

    private KafkaBrokerProcess(BrokerSettings settings, BrokerFiles files, Process process, String bootstrapServers) {
        this.settings = settings;
        this.files = files;
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats the storage if this data dir was never formatted, launches the broker JVM and returns
     * once the broker answers {@code describeCluster}.
     *
     * @throws BrokerStartException if the jars are missing, a port is taken, a broker already runs on
     *                              this data dir, or the child died or did not become ready in time
     *                              (the message then ends with the tail of the child's logs)
     */
    public static KafkaBrokerProcess start(BrokerSettings settings) {
        BrokerFiles files = new BrokerFiles(settings.dataDir());
        createDirectories(files);
        Optional<RunningBroker> running = find(settings.dataDir());
        if (running.isPresent()) {
            throw new BrokerStartException("a Kafka broker already runs on data dir " + settings.dataDir() + " at "
                    + running.get().bootstrapServers() + " (pid " + running.get().pid() + "); stop it first");
        }
        BrokerClasspath.requireBrokerJars(settings.classpath());

        boolean picksPorts = BrokerIdentity.picksPorts(files, settings);
        try {
            return launchAndAwait(settings, files);
        } catch (PortTakenDuringStartup e) {
            if (!picksPorts) {
                throw e;
            }
            // Another process took a port between our probe and the broker's bind; fresh ports fix that,
            // and no client knows the old address yet.
            BrokerIdentity.forgetPorts(files);
            return launchAndAwait(settings, files);
        }
    }

    /** The live broker of a data dir, verified by its pid file and its command line. */
    public static Optional<RunningBroker> find(Path dataDir) {
        return status(dataDir) instanceof BrokerStatus.Running r ? Optional.of(r.broker()) : Optional.empty();
    }

    /** What the data dir's pid file says, checked against the live process (see {@link BrokerStatus#describe()}). */
    public static BrokerStatus status(Path dataDir) {
        BrokerFiles files = new BrokerFiles(dataDir.toAbsolutePath().normalize());
        Optional<String> pidText = StateFiles.readTrimmed(files.pidFile());
        if (pidText.isEmpty()) {
            return new BrokerStatus.NotRunning(files.dataDir());
        }
        long pid;
        try {
            pid = Long.parseLong(pidText.get());
        } catch (NumberFormatException e) {
            return new BrokerStatus.StalePidFile(files.dataDir(), -1, files.pidFile());
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> isBrokerOf(h, files.dataDir()));
        if (handle.isEmpty()) {
            return new BrokerStatus.StalePidFile(files.dataDir(), pid, files.pidFile());
        }
        return new BrokerStatus.Running(new RunningBroker(files.dataDir(), pid, bootstrapOf(files)));
    }

    /** Stops the broker of a data dir, whichever JVM started it; clears a stale pid file. */
    public static StopOutcome stop(Path dataDir, Duration grace) {
        BrokerStatus status = status(dataDir);
        BrokerFiles files = new BrokerFiles(status.dataDir());
        StopOutcome outcome = StopOutcome.NOT_RUNNING;
        if (status instanceof BrokerStatus.Running r) {
            Optional<ProcessHandle> handle = ProcessHandle.of(r.broker().pid());
            outcome = handle.isPresent() ? terminate(handle.get(), grace) : StopOutcome.NOT_RUNNING;
        }
        clearRunFiles(files);
        return outcome;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public BrokerSettings settings() {
        return settings;
    }

    public Path dataDir() {
        return files.dataDir();
    }

    /** The broker's log4j file, for diagnostics. */
    public Path logFile() {
        return files.serverLog();
    }

    /** SIGTERM (Kafka shuts down cleanly), then SIGKILL if the grace period runs out. */
    public StopOutcome stop(Duration grace) {
        StopOutcome outcome = terminate(process.toHandle(), grace);
        // A later start of the same data dir owns the files now; only clear what still names this process.
        if (StateFiles.readTrimmed(files.pidFile()).filter(Long.toString(process.pid())::equals).isPresent()) {
            clearRunFiles(files);
        }
        return outcome;
    }

    /**
     * SIGKILL, for fault tests: simulates a crash, so the pid file stays behind and
     * {@link #status} reports it as stale until the next start.
     */
    public void kill() {
        process.destroyForcibly();
        waitFor(process.toHandle(), FORCED_EXIT_WAIT);
    }

    @Override
    public String toString() {
        return "KafkaBrokerProcess[" + bootstrapServers + ", pid " + process.pid() + ", " + files.dataDir() + "]";
    }

    private static KafkaBrokerProcess launchAndAwait(BrokerSettings settings, BrokerFiles files) {
        BrokerIdentity identity = BrokerIdentity.resolve(files, settings);
        requireFree(settings.host(), identity.brokerPort(), "brokerPort");
        requireFree(settings.host(), identity.controllerPort(), "controllerPort");
        identity.store(files);
        BrokerConfigFiles.write(files, settings, identity);
        StateFiles.writeAtomically(files.classpathArgs(), BrokerClasspath.argFile(settings.classpath()));

        String bootstrap = settings.host() + ":" + identity.brokerPort();
        long logOffset = LogTail.size(files.serverLog());
        Process process = launch(settings, files, files.isFormatted() ? null : identity.clusterId());
        StateFiles.writeAtomically(files.pidFile(), process.pid() + "\n");
        StateFiles.writeAtomically(files.bootstrapFile(), bootstrap + "\n");
        try {
            awaitReady(process, settings, files, identity.brokerPort());
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            waitFor(process.toHandle(), FORCED_EXIT_WAIT);
            clearRunFiles(files);
            if (e instanceof BrokerStartException && LogTail.containsSince(files.serverLog(), logOffset, "Address already in use")) {
                throw new PortTakenDuringStartup(e.getMessage());
            }
            throw e;
        }
        return new KafkaBrokerProcess(settings, files, process, bootstrap);
    }

    /** A bind failure of the child, as opposed to our own pre-launch check. */
    private static final class PortTakenDuringStartup extends BrokerStartException {
        private static final long serialVersionUID = 1L;

        PortTakenDuringStartup(String message) {
            super(message);
        }
    }

    private static Process launch(BrokerSettings s, BrokerFiles files, String formatClusterId) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + s.heap());
        // One broker node is I/O bound; C2 compilation and parallel GC threads cost more CPU than they
        // return on a small shared machine (measured: half the CPU seconds to "Kafka Server started").
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        // A broker that ran out of memory is useless; dying makes the failure visible to status and tests.
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dlog4j2.configurationFile=" + files.log4jConfig());
        cmd.add("@" + files.classpathArgs());
        cmd.add(BrokerMain.class.getName());
        cmd.add(BrokerMain.DATA_DIR);
        cmd.add(files.dataDir().toString());
        if (s.dieWithParent()) {
            cmd.add(BrokerMain.PARENT_PID);
            cmd.add(Long.toString(ProcessHandle.current().pid()));
        }
        if (formatClusterId != null) {
            cmd.add(BrokerMain.FORMAT_CLUSTER_ID);
            cmd.add(formatClusterId);
        }
        cmd.add(files.serverProperties().toString());

        // The console file is appended across restarts; a marker keeps a failure's log tail readable.
        appendMarker(files.consoleLog(), "=== " + Instant.now() + " starting Kafka broker: " + String.join(" ", cmd));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(files.dataDir().toFile())
                .redirectErrorStream(true)
                // A file, not a pipe: the broker must keep running (and logging) after the launching JVM exits.
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.consoleLog().toFile()));
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            return p;
        } catch (IOException e) {
            throw new BrokerStartException("cannot launch the Kafka broker JVM " + cmd.get(0) + ": " + e.getMessage(), e);
        }
    }

    private static void appendMarker(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void awaitReady(Process process, BrokerSettings s, BrokerFiles files, int brokerPort) {
        long deadline = System.nanoTime() + s.startTimeout().toNanos();
        Admin admin = null;
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw failure("Kafka broker process " + process.pid() + " exited with code " + process.exitValue()
                            + " during startup", files);
                }
                if (System.nanoTime() > deadline) {
                    throw failure("Kafka broker process " + process.pid() + " did not become ready at " + s.host() + ":"
                            + brokerPort + " within " + s.startTimeout(), files);
                }
                // Probe the socket first: an Admin client against a closed port logs a warning per attempt.
                if (admin == null && Ports.accepts(s.host(), brokerPort)) {
                    admin = Admin.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.host() + ":" + brokerPort,
                            AdminClientConfig.CLIENT_ID_CONFIG, "vireo-broker-readiness",
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
                }
                if (admin != null && answers(admin)) {
                    return;
                }
                sleep(READY_POLL);
            }
        } finally {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }
    }

    /** KRaft only serves requests once the broker is unfenced, so a node list means producers can write. */
    private static boolean answers(Admin admin) {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes()
                    .get(4, TimeUnit.SECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while waiting for the Kafka broker", e);
        }
    }

    private static BrokerStartException failure(String what, BrokerFiles files) {
        return new BrokerStartException(what + "; data dir " + files.dataDir()
                + LogTail.of(List.of(files.consoleLog(), files.serverLog())));
    }

    private static StopOutcome terminate(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return StopOutcome.NOT_RUNNING;
        }
        handle.destroy();
        if (waitFor(handle, grace)) {
            return StopOutcome.GRACEFUL;
        }
        handle.destroyForcibly();
        if (!waitFor(handle, FORCED_EXIT_WAIT)) {
            throw new IllegalStateException("Kafka broker pid " + handle.pid() + " survived SIGKILL for " + FORCED_EXIT_WAIT);
        }
        return StopOutcome.FORCED;
    }

    private static boolean waitFor(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for pid " + handle.pid() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    /**
     * Guards against pid reuse: the process must be our launcher for this very data dir. Where the
     * OS hides other processes' command lines, trusting the pid file is the best available answer.
     */
    private static boolean isBrokerOf(ProcessHandle handle, Path dataDir) {
        Optional<String[]> args = handle.info().arguments();
        if (args.isEmpty()) {
            return handle.info().commandLine().map(c -> c.contains(BrokerMain.class.getName())).orElse(true);
        }
        List<String> list = List.of(args.get());
        int at = list.indexOf(BrokerMain.DATA_DIR);
        return list.contains(BrokerMain.class.getName()) && at >= 0 && at + 1 < list.size()
                && sameDir(Path.of(list.get(at + 1)), dataDir);
    }

    private static boolean sameDir(Path a, Path b) {
        try {
            return a.equals(b) || Files.isSameFile(a, b); // symlinked data dirs are the same broker
        } catch (IOException e) {
            return false;
        }
    }

    private static String bootstrapOf(BrokerFiles files) {
        return StateFiles.readTrimmed(files.bootstrapFile()).filter(s -> !s.isEmpty())
                .orElse("unknown address (" + files.bootstrapFile() + " is missing)");
    }

    private static void clearRunFiles(BrokerFiles files) {
        StateFiles.deleteQuietly(files.pidFile());
        StateFiles.deleteQuietly(files.bootstrapFile());
    }

    private static void createDirectories(BrokerFiles files) {
        try {
            Files.createDirectories(files.logsDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker data dir " + files.dataDir(), e);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while waiting for the Kafka broker", e);
        }
    }

    private static void requireFree(String host, int port, String setting) {
        Ports.whyTaken(host, port).ifPresent(why -> {
            throw new BrokerStartException("cannot start Kafka broker: " + setting + " " + why);
        });
    }
}
