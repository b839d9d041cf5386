package io.vireo.flink.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JVM flags (-Xmx, -Xms, direct and metaspace limits) and the derived memory settings
 * ({@code -D key=value} for the entry point) of a JobManager or TaskManager, computed by Flink's own
 * {@code BashJavaUtils} from conf/config.yaml, as Flink's start scripts do. It runs in a short-lived
 * child JVM with the cluster's classpath: the same code path as the scripts, and no stdout capture
 * inside this JVM.
 */
record ResourceParams(List<String> jvmArgs, List<String> dynamicArgs) {

    static final String PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static ResourceParams jobManager(ClusterFiles files) {
        return compute(files, "GET_JM_RESOURCE_PARAMS");
    }

    static ResourceParams taskManager(ClusterFiles files) {
        return compute(files, "GET_TM_RESOURCE_PARAMS");
    }

    private static ResourceParams compute(ClusterFiles files, String command) {
        List<String> cmd = List.of(FlinkClusterProcess.javaBinary(), "-Xmx64m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "@" + files.classpathArgs(), "org.apache.flink.runtime.util.bash.BashJavaUtils",
                command, "--configDir", files.confDir().toString());
        String output;
        int exit;
        try {
            Process p = new ProcessBuilder(cmd).directory(files.dataDir().toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            // Small output; reading it to the end also waits for the exit.
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new ClusterStartException("BashJavaUtils " + command + " did not finish within " + TIMEOUT);
            }
            exit = p.exitValue();
        } catch (IOException e) {
            throw new ClusterStartException("cannot run BashJavaUtils " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterStartException("interrupted running BashJavaUtils " + command, e);
        }
        return parse(command, exit, output, files.configYaml());
    }

    /** The last two result lines are the JVM flags and the dynamic settings (what the scripts take with tail -n 2). */
    static ResourceParams parse(String command, int exit, String output, Path configYaml) {
        List<String> results = output.lines().filter(l -> l.startsWith(PREFIX))
                .map(l -> l.substring(PREFIX.length()).trim()).toList();
        if (exit != 0 || results.size() < 2) {
            throw new ClusterStartException("Flink rejected the memory settings in " + configYaml + " (BashJavaUtils "
                    + command + " exited with " + exit + "); check FlinkClusterSettings.jobManagerMemory/taskManagerMemory"
                    + " and memory entries of flinkConfig. Output:\n" + output);
        }
        List<String> jvm = split(results.get(results.size() - 2));
        List<String> dynamic = split(results.get(results.size() - 1));
        return new ResourceParams(jvm, dynamic);
    }

    /** Both lines are space separated; values never contain spaces (sizes in bytes, numbers, "none"). */
    private static List<String> split(String line) {
        return new ArrayList<>(Arrays.stream(line.split(" ")).filter(s -> !s.isEmpty()).toList());
    }
}
