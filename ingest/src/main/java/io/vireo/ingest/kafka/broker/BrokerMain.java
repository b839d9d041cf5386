package io.vireo.ingest.kafka.broker;

import io.vireo.ingest.process.ParentWatch;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;

/**
 * Entry point of the broker child JVM: optionally formats the storage, optionally watches the
 * parent, then hands over to {@code kafka.Kafka.main}. The broker classes are reached reflectively
 * because they are not on vireo-ingest's compile classpath (only on the test classpath and the
 * CLI's runtime classpath).
 *
 * <pre>BrokerMain --data-dir DIR [--parent-pid PID] [--format-cluster-id ID] server.properties</pre>
 */
public final class BrokerMain {

    static final String DATA_DIR = "--data-dir";
    static final String PARENT_PID = "--parent-pid";
    static final String FORMAT_CLUSTER_ID = "--format-cluster-id";

    /** Exit codes the parent can tell apart in its error message. */
    static final int EXIT_USAGE = 2;
    static final int EXIT_MISSING_JARS = 3;
    static final int EXIT_FORMAT_FAILED = 4;
    static final int EXIT_PARENT_GONE = 5;
    static final int EXIT_SHUTDOWN_HUNG = 6;

    /** After the parent is gone the broker gets this long to shut down cleanly before it is halted. */
    private static final Duration ORPHAN_SHUTDOWN_LIMIT = Duration.ofSeconds(20);

    private BrokerMain() {
    }

    public static void main(String[] args) throws Throwable {
        Args a = Args.parse(args);
        if (a.parentPid() > 0) {
            ParentWatch.exitWhenGone(a.parentPid(), "the broker", EXIT_PARENT_GONE, EXIT_SHUTDOWN_HUNG, ORPHAN_SHUTDOWN_LIMIT);
        }
        Class<?> kafka = loadOrExit("kafka.Kafka");
        if (a.formatClusterId() != null) {
            format(a.formatClusterId(), a.serverProperties());
        }
        Method main = kafka.getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) new String[] {a.serverProperties()});
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void format(String clusterId, String serverProperties) throws Throwable {
        // The Scala tool moved to org.apache.kafka.tools in some releases; 4.4.0 ships kafka.tools.StorageTool.
        Class<?> tool = loadFirst("kafka.tools.StorageTool", "org.apache.kafka.tools.StorageTool");
        // execute() instead of main(): main() calls System.exit even on success.
        Method execute = tool.getMethod("execute", String[].class, PrintStream.class);
        int code;
        try {
            code = (int) execute.invoke(null,
                    new String[] {"format", "--cluster-id", clusterId, "--config", serverProperties}, System.out);
        } catch (InvocationTargetException e) {
            System.err.println("Formatting the Kafka storage with " + serverProperties + " failed: " + e.getCause());
            e.getCause().printStackTrace();
            code = EXIT_FORMAT_FAILED;
        }
        if (code != 0) {
            System.err.println("kafka storage format exited with " + code);
            System.exit(EXIT_FORMAT_FAILED);
        }
        System.out.flush();
    }

    /**
     * A daemon thread that exits this JVM when the parent is gone. {@code ProcessHandle.onExit} on a
     * non-child polls (at most every 5 s) and checks the start time, so a reused pid is not mistaken
     * for the parent.
     */
    private static Class<?> loadOrExit(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            System.err.println(BrokerClasspath.MISSING_BROKER_JARS + " (class " + name + " not found)");
            System.exit(EXIT_MISSING_JARS);
            throw new AssertionError("unreachable");
        }
    }

    private static Class<?> loadFirst(String... names) {
        for (String name : names) {
            try {
                return Class.forName(name);
            } catch (ClassNotFoundException ignored) {
                // try the next known location
            }
        }
        System.err.println("No Kafka StorageTool on the classpath (tried " + String.join(", ", names) + ")");
        System.exit(EXIT_MISSING_JARS);
        throw new AssertionError("unreachable");
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    record Args(String dataDir, long parentPid, String formatClusterId, String serverProperties) {
        static Args parse(String[] args) {
            String dataDir = null;
            long parentPid = 0;
            String clusterId = null;
            String props = null;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case DATA_DIR -> dataDir = value(args, ++i);
                    case PARENT_PID -> parentPid = Long.parseLong(value(args, ++i));
                    case FORMAT_CLUSTER_ID -> clusterId = value(args, ++i);
                    default -> props = args[i];
                }
            }
            if (dataDir == null || props == null) {
                usage("missing " + (dataDir == null ? DATA_DIR : "server.properties"));
            }
            return new Args(dataDir, parentPid, clusterId, props);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                usage("missing value for " + args[i - 1]);
            }
            return args[i];
        }

        private static void usage(String problem) {
            System.err.println("BrokerMain: " + problem + "; usage: BrokerMain " + DATA_DIR + " DIR [" + PARENT_PID
                    + " PID] [" + FORMAT_CLUSTER_ID + " ID] server.properties");
            System.exit(EXIT_USAGE);
        }
    }
}
