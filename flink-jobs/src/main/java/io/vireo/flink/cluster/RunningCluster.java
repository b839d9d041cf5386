package io.vireo.flink.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * A live cluster found through its data dir, possibly started by another JVM.
 *
 * @param restAddress             host:port of the REST API (submit jobs here)
 * @param taskManagerPids         live TaskManager processes of this data dir
 * @param registeredTaskManagers  TaskManagers the JobManager reports over REST, -1 if REST did not answer
 */
public record RunningCluster(Path dataDir, String restAddress, long jobManagerPid, List<Long> taskManagerPids,
                             int registeredTaskManagers) {
    public RunningCluster {
        taskManagerPids = List.copyOf(taskManagerPids);
    }
}
