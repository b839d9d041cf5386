package io.vireo.flink.cluster;

import java.nio.file.Path;

/**
 * Main of the intermediate JVM in {@link DieWithParentTest}: starts a cluster that must die with
 * this JVM, prints the pids, then waits to be killed.
 */
public final class StartClusterAndWait {

    static final String PIDS_PREFIX = "CLUSTER_PIDS:";

    private StartClusterAndWait() {
    }

    public static void main(String[] args) throws Exception {
        FlinkClusterSettings settings = FlinkClusterSettings.defaults(Path.of(args[0]))
                .withTaskManagers(1, 1)
                .withDieWithParent(true);
        FlinkClusterProcess cluster = FlinkClusterProcess.start(settings);
        StringBuilder pids = new StringBuilder(PIDS_PREFIX).append(cluster.jobManagerPid());
        cluster.taskManagerPids().forEach(pid -> pids.append(' ').append(pid));
        System.out.println(pids);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
