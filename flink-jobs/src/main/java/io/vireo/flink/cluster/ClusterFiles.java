package io.vireo.flink.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The layout of a cluster data dir. It is the only shared state between the JVM that started a
 * cluster and a later CLI invocation that asks about it, so every name is fixed here.
 */
record ClusterFiles(Path dataDir) {

    private static final Pattern TM_PID = Pattern.compile("taskmanager-(\\d+)\\.pid");

    Path confDir() {
        return dataDir.resolve("conf");
    }

    Path configYaml() {
        return confDir().resolve("config.yaml");
    }

    Path log4jConfig() {
        return confDir().resolve("log4j2.properties");
    }

    /** rest.port and jobmanager.rpc.port, kept across restarts so clients keep the same address. */
    Path identity() {
        return dataDir.resolve("cluster-identity.properties");
    }

    Path classpathArgs() {
        return dataDir.resolve("classpath.args");
    }

    Path restAddressFile() {
        return dataDir.resolve("rest.address");
    }

    Path pidDir() {
        return dataDir.resolve("pids");
    }

    Path jobManagerPid() {
        return pidDir().resolve("jobmanager.pid");
    }

    Path taskManagerPid(int number) {
        return pidDir().resolve("taskmanager-" + number + ".pid");
    }

    Path logsDir() {
        return dataDir.resolve("logs");
    }

    Path checkpointsDir() {
        return dataDir.resolve("checkpoints");
    }

    Path savepointsDir() {
        return dataDir.resolve("savepoints");
    }

    Path tmpDir() {
        return dataDir.resolve("tmp");
    }

    /** Log4j output of a process (Flink's REST log endpoint serves it too: {@code -Dlog.file}). */
    Path log(String processName) {
        return logsDir().resolve(processName + ".log");
    }

    /** stdout + stderr of a process: JVM errors, the launcher's messages, uncaught exceptions. */
    Path console(String processName) {
        return logsDir().resolve(processName + ".out");
    }

    /** Numbers of the TaskManagers that have a pid file, ascending (live or left behind by a crash). */
    List<Integer> taskManagerNumbers() {
        if (!Files.isDirectory(pidDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(pidDir())) {
            return files.map(f -> TM_PID.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + pidDir(), e);
        }
    }

    void createDirectories() {
        try {
            for (Path d : List.of(confDir(), pidDir(), logsDir(), checkpointsDir(), savepointsDir(), tmpDir())) {
                Files.createDirectories(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Flink cluster data dir " + dataDir, e);
        }
    }



    static void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
