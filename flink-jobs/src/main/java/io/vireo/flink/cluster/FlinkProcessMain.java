package io.vireo.flink.cluster;

import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint;
import org.apache.flink.runtime.taskexecutor.TaskManagerRunner;

/**
 * Entry point of every cluster JVM: optionally watches the parent, then hands over to Flink's own
 * entry point, exactly as Flink's {@code jobmanager.sh} / {@code taskmanager.sh} would start it.
 *
 * <pre>FlinkProcessMain --data-dir DIR --name NAME [--parent-pid PID] (jobmanager|taskmanager) FLINK_ARGS...</pre>
 *
 * The data dir and name are not used by Flink; they are on the command line so that
 * {@link FlinkClusterProcess#status} can tell our processes from a reused pid.
 */
public final class FlinkProcessMain {

    static final String DATA_DIR = "--data-dir";
    static final String NAME = "--name";
    static final String PARENT_PID = "--parent-pid";
    static final String JOB_MANAGER = "jobmanager";
    static final String TASK_MANAGER = "taskmanager";

    static final int EXIT_USAGE = 2;
    static final int EXIT_PARENT_GONE = 5;
    static final int EXIT_SHUTDOWN_HUNG = 6;

    /** After the parent is gone Flink gets this long to shut down cleanly before the JVM is halted. */
    private static final Duration ORPHAN_SHUTDOWN_LIMIT = Duration.ofSeconds(20);

    private FlinkProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        String dataDir = null;
        String name = null;
        long parentPid = 0;
        int i = 0;
        for (; i < args.length && args[i].startsWith("--"); i++) {
            switch (args[i]) {
                case DATA_DIR -> dataDir = value(args, ++i);
                case NAME -> name = value(args, ++i);
                case PARENT_PID -> parentPid = Long.parseLong(value(args, ++i));
                default -> usage("unknown option " + args[i]);
            }
        }
        if (dataDir == null || name == null || i >= args.length) {
            usage("missing " + (dataDir == null ? DATA_DIR : name == null ? NAME : "the role"));
        }
        String role = args[i];
        String[] flinkArgs = Arrays.copyOfRange(args, i + 1, args.length);
        if (parentPid > 0) {
            watchParent(parentPid, name);
        }
        switch (role) {
            case JOB_MANAGER -> StandaloneSessionClusterEntrypoint.main(flinkArgs);
            case TASK_MANAGER -> TaskManagerRunner.main(flinkArgs);
            default -> usage("unknown role '" + role + "', expected " + JOB_MANAGER + " or " + TASK_MANAGER);
        }
    }

    /**
     * The same rule as ingest's {@code ParentWatch}, kept here on purpose: this entry point runs on
     * clusters whose classpath is Flink plus the shaded job jar only (see ShadedJobJarTest), where
     * vireo-ingest's classes are not.
     *
     * A daemon thread that exits this JVM when the parent is gone; System.exit runs Flink's shutdown
     * hooks (TaskManagers deregister, the JobManager stops its endpoints). {@code ProcessHandle.onExit}
     * on a non-child polls and checks the start time, so a reused pid is not mistaken for the parent.
     */
    private static void watchParent(long pid, String name) {
        Thread watcher = new Thread(() -> {
            ProcessHandle.of(pid).ifPresent(parent -> parent.onExit().join());
            System.err.println("Parent process " + pid + " is gone; shutting " + name + " down");
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(ORPHAN_SHUTDOWN_LIMIT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.err.println(name + " shutdown took longer than " + ORPHAN_SHUTDOWN_LIMIT + "; halting");
                Runtime.getRuntime().halt(EXIT_SHUTDOWN_HUNG);
            }, "vireo-orphan-halt");
            halt.setDaemon(true);
            halt.start();
            System.exit(EXIT_PARENT_GONE);
        }, "vireo-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage("missing value for " + args[i - 1]);
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("FlinkProcessMain: " + problem + "; usage: FlinkProcessMain " + DATA_DIR + " DIR " + NAME
                + " NAME [" + PARENT_PID + " PID] (" + JOB_MANAGER + "|" + TASK_MANAGER + ") FLINK_ARGS...");
        System.exit(EXIT_USAGE);
    }
}
