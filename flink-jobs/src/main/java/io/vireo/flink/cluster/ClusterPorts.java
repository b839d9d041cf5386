package io.vireo.flink.cluster;

import io.vireo.ingest.process.Ports;
import io.vireo.ingest.process.StateFiles;
import java.util.Properties;

/**
 * The two ports clients and TaskManagers must know in advance (REST and JobManager RPC), kept in
 * the data dir so a restarted cluster keeps its address. Every other Flink port (blob server,
 * TaskManager RPC and data, metrics) is ephemeral: Flink hands them out over RPC.
 */
record ClusterPorts(int restPort, int rpcPort) {

    private static final String REST = "rest.port";
    private static final String RPC = "jobmanager.rpc.port";

    /** Explicit ports in the settings win; otherwise the persisted ones; otherwise free ones. */
    static ClusterPorts resolve(ClusterFiles files, FlinkClusterSettings s) {
        Properties persisted = StateFiles.loadProperties(files.identity());
        int rest = s.restPort() != 0 ? s.restPort() : parse(persisted, REST, files);
        int rpc = s.rpcPort() != 0 ? s.rpcPort() : parse(persisted, RPC, files);
        if (rest == 0 || rpc == 0) {
            int[] free = Ports.freePorts(s.host(), 2, rest, rpc);
            rest = rest == 0 ? free[0] : rest;
            rpc = rpc == 0 ? free[1] : rpc;
        }
        return new ClusterPorts(rest, rpc);
    }

    /** Whether {@link #resolve} chooses a port itself (neither set nor persisted), so a retry may pick others. */
    static boolean picksPorts(ClusterFiles files, FlinkClusterSettings s) {
        Properties persisted = StateFiles.loadProperties(files.identity());
        return (s.restPort() == 0 && !persisted.containsKey(REST)) || (s.rpcPort() == 0 && !persisted.containsKey(RPC));
    }

    static void forget(ClusterFiles files) {
        StateFiles.deleteQuietly(files.identity());
    }

    void store(ClusterFiles files) {
        StateFiles.writeAtomically(files.identity(),
                "# Written by Vireo; keeps the REST and RPC addresses stable across restarts.\n"
                        + REST + "=" + restPort + "\n" + RPC + "=" + rpcPort + "\n");
    }

    /** Fails naming the setting and address when something else listens there already. */
    static void requireFree(String host, int port, String setting) {
        Ports.whyTaken(host, port).ifPresent(why -> {
            throw new ClusterStartException("cannot start the Flink cluster: " + setting + " " + why);
        });
    }

    private static int parse(Properties p, String key, ClusterFiles files) {
        String value = p.getProperty(key);
        if (value == null) {
            return 0;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port > 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the file and key
        }
        throw new IllegalStateException("invalid " + key + "='" + value + "' in " + files.identity());
    }

}
