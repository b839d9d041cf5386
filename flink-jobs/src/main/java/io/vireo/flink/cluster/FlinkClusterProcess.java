package io.vireo.flink.cluster;

import io.vireo.ingest.process.StopOutcome;
import io.vireo.ingest.process.LogTail;
import io.vireo.ingest.process.StateFiles;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A standalone Flink session cluster on this machine: one JobManager JVM and N TaskManager JVMs,
 * each launched like Flink's own scripts would (Flink's entry points, JVM memory flags from
 * {@code BashJavaUtils}, conf/config.yaml), all bound to the settings' host.
 *
 * <p>Everything lives in the data dir (see {@link FlinkClusterSettings#dataDir()}), so a later
 * process can find, report and stop a cluster this one started: {@link #find}, {@link #status},
 * {@link #stop(Path, Duration)}. Starting the same data dir again keeps the REST address.
 *
 * <p>The cluster JVMs run with the settings' classpath (by default this JVM's), so jobs whose classes
 * are on it need no job jar; see {@link ClusterSubmitter} for jars.
 */
public final class FlinkClusterProcess implements AutoCloseable {

    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);

    static final String JOB_MANAGER = "jobmanager";
    private static final String TASK_MANAGER_PREFIX = "taskmanager-";
    /** What Flink's distribution passes to every JVM on Java 17 (env.java.default-opts.all): Flink's
     *  serializers and Pekko reflect into these JDK packages. */
    static final List<String> JAVA17_OPTS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final Duration FORCED_EXIT_WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration REST_PROBE = Duration.ofSeconds(2);

    private final FlinkClusterSettings settings;
    private final ClusterFiles files;
    private final String restAddress;
    private final Process jobManager;
    private final ResourceParams taskManagerParams;
    /** TaskManagers this object launched and has not killed or stopped, by number (log and pid file name). */
    private final TreeMap<Integer, Process> taskManagers = new TreeMap<>();

    private FlinkClusterProcess(FlinkClusterSettings settings, ClusterFiles files, String restAddress, Process jobManager,
                                ResourceParams taskManagerParams) {
        this.settings = settings;
        this.files = files;
        this.restAddress = restAddress;
        this.jobManager = jobManager;
        this.taskManagerParams = taskManagerParams;
    }

    /**
     * Writes conf/, launches the JobManager and {@code settings.taskManagers()} TaskManagers and returns
     * once the REST API lists every one of them as registered.
     *
     * @throws ClusterStartException if the jars are missing, a port is taken, a cluster already runs on
     *                               this data dir, Flink rejects the memory settings, or a process died or
     *                               did not register in time (the message then ends with its log tails)
     */
    public static FlinkClusterProcess start(FlinkClusterSettings settings) {
        ClusterFiles files = new ClusterFiles(settings.dataDir());
        files.createDirectories();
        ClusterStatus existing = status(settings.dataDir());
        if (existing instanceof ClusterStatus.Running r) {
            throw new ClusterStartException("a Flink cluster already runs on data dir " + settings.dataDir() + " at "
                    + r.cluster().restAddress() + " (JobManager pid " + r.cluster().jobManagerPid() + "); stop it first");
        }
        if (existing instanceof ClusterStatus.Stale) {
            stop(settings.dataDir(), DEFAULT_STOP_GRACE); // leftovers of a crash: end live TaskManagers, clear pid files
        }
        requireFlinkJars(settings.classpath());
        boolean picksPorts = ClusterPorts.picksPorts(files, settings);
        try {
            return launchAndAwait(settings, files);
        } catch (PortTakenDuringStartup e) {
            if (!picksPorts) {
                throw e;
            }
            // Another process took a port between our probe and Flink's bind; no client knows the old address yet.
            ClusterPorts.forget(files);
            return launchAndAwait(settings, files);
        }
    }

    /** The live cluster of a data dir, verified by its pid files and command lines. */
    public static Optional<RunningCluster> find(Path dataDir) {
        return status(dataDir) instanceof ClusterStatus.Running r ? Optional.of(r.cluster()) : Optional.empty();
    }

    /** What the data dir's pid files say, checked against the live processes and the REST API. */
    public static ClusterStatus status(Path dataDir) {
        ClusterFiles files = new ClusterFiles(dataDir.toAbsolutePath().normalize());
        List<Long> liveTaskManagers = files.taskManagerNumbers().stream()
                .map(n -> liveProcess(files, files.taskManagerPid(n), TASK_MANAGER_PREFIX + n))
                .flatMap(Optional::stream).map(ProcessHandle::pid).toList();
        Optional<String> jmPidText = StateFiles.readTrimmed(files.jobManagerPid());
        if (jmPidText.isEmpty()) {
            return liveTaskManagers.isEmpty() ? new ClusterStatus.NotRunning(files.dataDir())
                    : new ClusterStatus.Stale(files.dataDir(), -1, liveTaskManagers);
        }
        Optional<ProcessHandle> jm = liveProcess(files, files.jobManagerPid(), JOB_MANAGER);
        if (jm.isEmpty()) {
            return new ClusterStatus.Stale(files.dataDir(), parsePid(jmPidText.get()), liveTaskManagers);
        }
        String rest = StateFiles.readTrimmed(files.restAddressFile()).filter(s -> !s.isEmpty())
                .orElse("unknown (" + files.restAddressFile() + " is missing)");
        int registered = ClusterRest.taskManagerIds(rest, REST_PROBE).map(List::size).orElse(-1);
        return new ClusterStatus.Running(new RunningCluster(files.dataDir(), rest, jm.get().pid(), liveTaskManagers,
                registered));
    }

    /** Stops every process of a data dir, whichever JVM started it, TaskManagers first; clears the pid files. */
    public static StopOutcome stop(Path dataDir, Duration grace) {
        ClusterFiles files = new ClusterFiles(dataDir.toAbsolutePath().normalize());
        List<ProcessHandle> tms = files.taskManagerNumbers().stream()
                .map(n -> liveProcess(files, files.taskManagerPid(n), TASK_MANAGER_PREFIX + n))
                .flatMap(Optional::stream).toList();
        List<ProcessHandle> jm = liveProcess(files, files.jobManagerPid(), JOB_MANAGER).stream().toList();
        StopOutcome outcome = combine(terminateAll(tms, grace), terminateAll(jm, grace));
        clearRunFiles(files);
        return outcome;
    }

    /** host:port of the REST API, for {@link ClusterSubmitter} and {@code CliFrontend run -m}. */
    public String restAddress() {
        return restAddress;
    }

    public long jobManagerPid() {
        return jobManager.pid();
    }

    /** Pids of the live TaskManagers this object launched, in launch order; index i is {@link #killTaskManager}'s i. */
    public synchronized List<Long> taskManagerPids() {
        return taskManagers.values().stream().filter(Process::isAlive).map(Process::pid).toList();
    }

    /** Resource ids (as the REST API lists them) of the live TaskManagers, in launch order. */
    public synchronized List<String> taskManagerIds() {
        return taskManagers.entrySet().stream().filter(e -> e.getValue().isAlive())
                .map(e -> resourceId(e.getKey())).toList();
    }

    /** Resource ids of the TaskManagers the JobManager currently lists (a killed one until its heartbeat times out). */
    public List<String> registeredTaskManagerIds() {
        return ClusterRest.taskManagerIds(restAddress, REST_PROBE).orElse(List.of());
    }

    /**
     * SIGKILL of the i-th live TaskManager (see {@link #taskManagerPids()}), for fault tests: a crash, so
     * its pid file stays behind. Returns the killed pid.
     */
    public synchronized long killTaskManager(int index) {
        List<Map.Entry<Integer, Process>> live = taskManagers.entrySet().stream()
                .filter(e -> e.getValue().isAlive()).toList();
        if (index < 0 || index >= live.size()) {
            throw new IndexOutOfBoundsException("TaskManager index " + index + " out of range: " + live.size() + " live");
        }
        Process p = live.get(index).getValue();
        p.destroyForcibly();
        waitFor(p.toHandle(), FORCED_EXIT_WAIT);
        taskManagers.remove(live.get(index).getKey());
        return p.pid();
    }

    /** Kills the live TaskManager with this resource id (see {@link #taskManagerIds()}); returns its pid. */
    public synchronized long killTaskManager(String resourceId) {
        int index = taskManagerIds().indexOf(resourceId);
        if (index < 0) {
            throw new IllegalArgumentException("no live TaskManager " + resourceId + " in " + taskManagerIds());
        }
        return killTaskManager(index);
    }

    /** Launches one more TaskManager (e.g. to replace a killed one) and waits until it is registered; returns its pid. */
    public synchronized long startTaskManager() {
        int number = Math.max(taskManagers.isEmpty() ? 0 : taskManagers.lastKey(),
                files.taskManagerNumbers().stream().mapToInt(Integer::intValue).max().orElse(0)) + 1;
        Process p = launchTaskManager(number);
        try {
            awaitRegistered(List.of(resourceId(number)), settings.startTimeout());
        } catch (RuntimeException | Error e) {
            p.destroyForcibly();
            waitFor(p.toHandle(), FORCED_EXIT_WAIT);
            taskManagers.remove(number);
            StateFiles.deleteQuietly(files.taskManagerPid(number));
            throw e;
        }
        return p.pid();
    }

    /** SIGTERM to every TaskManager, then to the JobManager; whatever outlives the grace period is killed. */
    public synchronized StopOutcome stop(Duration grace) {
        List<ProcessHandle> tms = taskManagers.values().stream().map(Process::toHandle).toList();
        StopOutcome outcome = combine(terminateAll(tms, grace), terminateAll(List.of(jobManager.toHandle()), grace));
        taskManagers.clear();
        // A later start of the same data dir owns the files now; only clear what still names this cluster.
        if (StateFiles.readTrimmed(files.jobManagerPid()).filter(Long.toString(jobManager.pid())::equals).isPresent()) {
            clearRunFiles(files);
        }
        return outcome;
    }

    /** {@link #stop(Duration)} with {@link #DEFAULT_STOP_GRACE}; for try-with-resources. */
    @Override
    public void close() {
        stop(DEFAULT_STOP_GRACE);
    }

    public boolean isAlive() {
        return jobManager.isAlive();
    }

    public FlinkClusterSettings settings() {
        return settings;
    }

    public Path dataDir() {
        return files.dataDir();
    }

    public Path jobManagerLog() {
        return files.log(JOB_MANAGER);
    }

    public Path taskManagerLog(int number) {
        return files.log(TASK_MANAGER_PREFIX + number);
    }

    @Override
    public String toString() {
        return "FlinkClusterProcess[" + restAddress + ", JobManager pid " + jobManager.pid() + ", TaskManagers "
                + taskManagerPids() + ", " + files.dataDir() + "]";
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static FlinkClusterProcess launchAndAwait(FlinkClusterSettings s, ClusterFiles files) {
        ClusterPorts ports = ClusterPorts.resolve(files, s);
        ClusterPorts.requireFree(s.host(), ports.restPort(), "restPort (rest.port)");
        ClusterPorts.requireFree(s.host(), ports.rpcPort(), "rpcPort (jobmanager.rpc.port)");
        ports.store(files);
        ClusterConfigFiles.write(files, s, ports);
        StateFiles.writeAtomically(files.classpathArgs(), argFile(s.classpath()));

        // Both computations are a JVM start each; run them side by side.
        CompletableFuture<ResourceParams> tmParams = CompletableFuture.supplyAsync(() -> ResourceParams.taskManager(files));
        ResourceParams jmParams = ResourceParams.jobManager(files);
        ResourceParams tm = join(tmParams);

        String rest = s.host() + ":" + ports.restPort();
        long jmLogOffset = size(files.log(JOB_MANAGER));
        Process jm = launch(s, files, JOB_MANAGER, FlinkProcessMain.JOB_MANAGER, jmParams, List.of());
        StateFiles.writeAtomically(files.jobManagerPid(), jm.pid() + "\n");
        StateFiles.writeAtomically(files.restAddressFile(), rest + "\n");
        FlinkClusterProcess cluster = new FlinkClusterProcess(s, files, rest, jm, tm);
        try {
            List<String> ids = new ArrayList<>();
            for (int n = 1; n <= s.taskManagers(); n++) {
                cluster.launchTaskManager(n);
                ids.add(resourceId(n));
            }
            cluster.awaitRegistered(ids, s.startTimeout());
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.killAll();
            clearRunFiles(files);
            if (e instanceof ClusterStartException && containsSince(files.log(JOB_MANAGER), jmLogOffset, "Address already in use")) {
                throw new PortTakenDuringStartup(e.getMessage());
            }
            throw e;
        }
    }

    private synchronized Process launchTaskManager(int number) {
        List<String> extra = List.of("-D", "taskmanager.resource-id=" + resourceId(number));
        Process p = launch(settings, files, TASK_MANAGER_PREFIX + number, FlinkProcessMain.TASK_MANAGER,
                taskManagerParams, extra);
        taskManagers.put(number, p);
        StateFiles.writeAtomically(files.taskManagerPid(number), p.pid() + "\n");
        return p;
    }

    /** A fixed, readable id per TaskManager, so REST listings and logs name the same thing. */
    static String resourceId(int number) {
        return "vireo-tm-" + number;
    }

    private static Process launch(FlinkClusterSettings s, ClusterFiles files, String name, String role,
                                  ResourceParams params, List<String> extraDynamic) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(params.jvmArgs());
        cmd.addAll(JAVA17_OPTS);
        // 2 shared cores: parallel GC threads of several JVMs fight each other; small heaps collect fast serially.
        cmd.add("-XX:+UseSerialGC");
        if (role.equals(FlinkProcessMain.JOB_MANAGER)) {
            // The JobManager coordinates; C2 compilation costs it more CPU than it ever returns.
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        // A JVM that ran out of memory is useless; dying makes the failure visible (and the job fails over).
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Dlog.file=" + files.log(name));
        cmd.add("-Dlog4j.configurationFile=" + files.log4jConfig().toUri());
        cmd.addAll(s.jvmOptions());
        cmd.add("@" + files.classpathArgs());
        cmd.add(FlinkProcessMain.class.getName());
        cmd.add(FlinkProcessMain.DATA_DIR);
        cmd.add(files.dataDir().toString());
        cmd.add(FlinkProcessMain.NAME);
        cmd.add(name);
        if (s.dieWithParent()) {
            cmd.add(FlinkProcessMain.PARENT_PID);
            cmd.add(Long.toString(ProcessHandle.current().pid()));
        }
        cmd.add(role);
        cmd.add("--configDir");
        cmd.add(files.confDir().toString());
        cmd.addAll(params.dynamicArgs());
        cmd.addAll(extraDynamic);

        // The console file is appended across restarts; a marker keeps a failure's tail readable.
        ClusterFiles.append(files.console(name), "=== " + Instant.now() + " starting " + name + ": " + String.join(" ", cmd));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(files.dataDir().toFile())
                .redirectErrorStream(true)
                // A file, not a pipe: the process must keep running (and writing) after the launching JVM exits.
                .redirectOutput(ProcessBuilder.Redirect.appendTo(files.console(name).toFile()));
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            return p;
        } catch (IOException e) {
            throw new ClusterStartException("cannot launch the Flink " + name + " JVM " + cmd.get(0) + ": " + e.getMessage(), e);
        }
    }

    private void awaitRegistered(List<String> ids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ClusterRest rest = new ClusterRest(restAddress, REST_PROBE);
        while (true) {
            if (!jobManager.isAlive()) {
                throw failure("Flink JobManager pid " + jobManager.pid() + " exited with code " + jobManager.exitValue(),
                        JOB_MANAGER);
            }
            synchronized (this) {
                for (Map.Entry<Integer, Process> tm : taskManagers.entrySet()) {
                    if (ids.contains(resourceId(tm.getKey())) && !tm.getValue().isAlive()) {
                        throw failure("Flink TaskManager " + tm.getKey() + " (pid " + tm.getValue().pid() + ") exited with code "
                                + tm.getValue().exitValue(), TASK_MANAGER_PREFIX + tm.getKey());
                    }
                }
            }
            Optional<List<String>> registered = rest.taskManagerIds();
            if (registered.isPresent() && registered.get().containsAll(ids)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                String seen = registered.map(r -> "registered: " + r).orElse("REST API at " + restAddress + " not answering");
                List<String> names = new ArrayList<>(List.of(JOB_MANAGER));
                ids.forEach(id -> names.add(TASK_MANAGER_PREFIX + id.substring(id.lastIndexOf('-') + 1)));
                throw failure("Flink TaskManagers " + ids + " did not register within " + timeout + " (" + seen + ")",
                        names.toArray(String[]::new));
            }
            sleep(POLL);
        }
    }

    private ClusterStartException failure(String what, String... processNames) {
        List<Path> logs = new ArrayList<>();
        for (String n : processNames) {
            logs.add(files.console(n));
            logs.add(files.log(n));
        }
        return new ClusterStartException(what + "; data dir " + files.dataDir() + LogTail.of(logs));
    }

    private synchronized void killAll() {
        List<ProcessHandle> all = new ArrayList<>(taskManagers.values().stream().map(Process::toHandle).toList());
        all.add(jobManager.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        all.forEach(h -> waitFor(h, FORCED_EXIT_WAIT));
        taskManagers.clear();
    }

    /** The child classpath must hold Flink's entry points and this launcher; checked before anything starts. */
    static void requireFlinkJars(List<Path> classpath) {
        URL[] urls = classpath.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("FlinkClusterSettings.classpath entry is not a valid path: " + p, e);
            }
        }).toArray(URL[]::new);
        // A loader with no parent sees exactly the child's classpath, including manifest Class-Path entries.
        try (URLClassLoader loader = new URLClassLoader(urls, null)) {
            require(loader, "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                    "flink-runtime (org.apache.flink:flink-runtime)");
            require(loader, "org.apache.flink.runtime.util.bash.BashJavaUtils", "flink-runtime (org.apache.flink:flink-runtime)");
            require(loader, FlinkProcessMain.class.getName(), "Vireo's Flink launcher (module vireo-flink-jobs)");
            require(loader, "org.apache.logging.log4j.core.Logger", "log4j-core (org.apache.logging.log4j:log4j-core;"
                    + " without it the cluster processes log nothing)");
        } catch (IOException e) {
            throw new ClusterStartException("cannot inspect FlinkClusterSettings.classpath: " + e.getMessage(), e);
        }
    }

    private static void require(URLClassLoader loader, String className, String what) {
        if (loader.findResource(className.replace('.', '/') + ".class") == null) {
            throw new ClusterStartException(what + " is not on the classpath the Flink cluster would be launched with"
                    + " (class " + className + " not found); check FlinkClusterSettings.classpath");
        }
    }

    /** A JVM @argfile; the classpath can exceed the kernel's 128 KiB limit for one argument. */
    private static String argFile(List<Path> classpath) {
        String joined = classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
        return "-cp\n\"" + joined.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
    }

    /** SIGTERM to all at once (Flink shuts down cleanly), then SIGKILL to whatever outlives the grace period. */
    private static StopOutcome terminateAll(List<ProcessHandle> handles, Duration grace) {
        List<ProcessHandle> live = handles.stream().filter(ProcessHandle::isAlive).toList();
        if (live.isEmpty()) {
            return StopOutcome.NOT_RUNNING;
        }
        live.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        boolean forced = false;
        for (ProcessHandle h : live) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!waitFor(h, left)) {
                h.destroyForcibly();
                forced = true;
                if (!waitFor(h, FORCED_EXIT_WAIT)) {
                    throw new IllegalStateException("Flink process pid " + h.pid() + " survived SIGKILL for " + FORCED_EXIT_WAIT);
                }
            }
        }
        return forced ? StopOutcome.FORCED : StopOutcome.GRACEFUL;
    }

    private static StopOutcome combine(StopOutcome a, StopOutcome b) {
        if (a == StopOutcome.FORCED || b == StopOutcome.FORCED) {
            return StopOutcome.FORCED;
        }
        return a == StopOutcome.GRACEFUL || b == StopOutcome.GRACEFUL ? StopOutcome.GRACEFUL
                : StopOutcome.NOT_RUNNING;
    }

    static boolean waitFor(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
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

    /** The process named in a pid file, if it is alive and is our launcher for this data dir and name. */
    private static Optional<ProcessHandle> liveProcess(ClusterFiles files, Path pidFile, String name) {
        return StateFiles.readTrimmed(pidFile).map(FlinkClusterProcess::parsePid).filter(pid -> pid > 0)
                .flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).filter(h -> isLauncherOf(h, files.dataDir(), name));
    }

    /**
     * Guards against pid reuse: the process must be our launcher for this very data dir and process
     * name. Where the OS hides other processes' command lines, trusting the pid file is the best answer.
     */
    private static boolean isLauncherOf(ProcessHandle handle, Path dataDir, String name) {
        Optional<String[]> args = handle.info().arguments();
        if (args.isEmpty()) {
            return handle.info().commandLine().map(c -> c.contains(FlinkProcessMain.class.getName())).orElse(true);
        }
        List<String> list = List.of(args.get());
        int dir = list.indexOf(FlinkProcessMain.DATA_DIR);
        int n = list.indexOf(FlinkProcessMain.NAME);
        return list.contains(FlinkProcessMain.class.getName()) && dir >= 0 && dir + 1 < list.size()
                && sameDir(Path.of(list.get(dir + 1)), dataDir) && n >= 0 && n + 1 < list.size()
                && list.get(n + 1).equals(name);
    }

    private static boolean sameDir(Path a, Path b) {
        try {
            return a.equals(b) || Files.isSameFile(a, b); // symlinked data dirs are the same cluster
        } catch (IOException e) {
            return false;
        }
    }

    private static long parsePid(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void clearRunFiles(ClusterFiles files) {
        StateFiles.deleteQuietly(files.jobManagerPid());
        files.taskManagerNumbers().forEach(n -> StateFiles.deleteQuietly(files.taskManagerPid(n)));
        StateFiles.deleteQuietly(files.restAddressFile());
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean containsSince(Path file, long offset, String text) {
        try {
            byte[] all = Files.readAllBytes(file);
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterStartException("interrupted while waiting for the Flink cluster", e);
        }
    }

    /** A bind failure of the child, as opposed to our own pre-launch check. */
    private static final class PortTakenDuringStartup extends ClusterStartException {
        private static final long serialVersionUID = 1L;

        PortTakenDuringStartup(String message) {
            super(message);
        }
    }
}
