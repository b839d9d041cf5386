package io.vireo.flink.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** What a data dir says about its cluster; {@link #describe()} is the line {@code vireo flink status} prints. */
public sealed interface ClusterStatus {

    Path dataDir();

    String describe();

    default boolean isRunning() {
        return this instanceof Running;
    }

    record Running(RunningCluster cluster) implements ClusterStatus {
        @Override
        public Path dataDir() {
            return cluster.dataDir();
        }

        @Override
        public String describe() {
            String registered = cluster.registeredTaskManagers() < 0 ? "REST not answering"
                    : cluster.registeredTaskManagers() + " registered";
            return "running: REST http://" + cluster.restAddress() + ", JobManager pid " + cluster.jobManagerPid() + ", "
                    + cluster.taskManagerPids().size() + " TaskManager process(es) " + pids(cluster.taskManagerPids())
                    + " (" + registered + ")";
        }
    }

    record NotRunning(Path dataDir) implements ClusterStatus {
        @Override
        public String describe() {
            return "not running";
        }
    }

    /**
     * Pid files whose JobManager is gone (a crash or kill -9); TaskManagers of the dir may still live
     * and are listed, {@code stop} ends them and clears the files.
     */
    record Stale(Path dataDir, long jobManagerPid, List<Long> liveTaskManagerPids) implements ClusterStatus {
        public Stale {
            liveTaskManagerPids = List.copyOf(liveTaskManagerPids);
        }

        @Override
        public String describe() {
            return "stale: JobManager pid " + jobManagerPid + " is not running"
                    + (liveTaskManagerPids.isEmpty() ? "" : "; TaskManager process(es) " + pids(liveTaskManagerPids)
                    + " still live")
                    + "; run stop to clean up";
        }
    }

    private static String pids(List<Long> pids) {
        return pids.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
}
