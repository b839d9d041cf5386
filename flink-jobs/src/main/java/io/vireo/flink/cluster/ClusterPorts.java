package io.vireo.flink.cluster;

import io.vireo.ingest.process.StateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
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
            int[] free = freePorts(s.host(), 2, rest, rpc);
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
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // Flink binds with SO_REUSEADDR too; TIME_WAIT leftovers are not "taken"
            s.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new ClusterStartException("cannot start the Flink cluster: " + setting + " " + host + ":" + port
                    + " is already in use (" + e.getMessage() + "); stop whatever listens there or choose another port");
        }
    }

    /** {@code count} distinct free ports, none in {@code avoid}; held open together so none is handed out twice. */
    static int[] freePorts(String host, int count, int... avoid) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            int found = 0;
            while (found < count) {
                ServerSocket s = new ServerSocket();
                held.add(s);
                s.bind(new InetSocketAddress(host, 0));
                int port = s.getLocalPort();
                if (java.util.Arrays.stream(avoid).noneMatch(a -> a == port)) {
                    ports[found++] = port;
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + host, e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // only probed
                }
            }
        }
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
