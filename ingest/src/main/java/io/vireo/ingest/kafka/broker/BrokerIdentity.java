package io.vireo.ingest.kafka.broker;

import io.vireo.ingest.process.Ports;
import io.vireo.ingest.process.StateFiles;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * What must stay the same across restarts of one data dir: the cluster id the storage was
 * formatted with, and the ports, so clients (a producer running across a broker restart) keep
 * the same bootstrap address.
 */
record BrokerIdentity(String clusterId, int brokerPort, int controllerPort) {

    private static final String CLUSTER_ID = "cluster.id";
    private static final String BROKER_PORT = "broker.port";
    private static final String CONTROLLER_PORT = "controller.port";

    /** Explicit ports in the settings win; otherwise the persisted ones; otherwise free ones. */
    static BrokerIdentity resolve(BrokerFiles files, BrokerSettings settings) {
        Properties persisted = StateFiles.loadProperties(files.identity());
        String clusterId = persisted.getProperty(CLUSTER_ID, Uuid.randomUuid().toString());
        int brokerPort = choose(settings.brokerPort(), persisted, BROKER_PORT, files);
        int controllerPort = choose(settings.controllerPort(), persisted, CONTROLLER_PORT, files);
        if (brokerPort == 0 || controllerPort == 0) {
            int[] free = Ports.freePorts(settings.host(), 2, brokerPort, controllerPort);
            brokerPort = brokerPort == 0 ? free[0] : brokerPort;
            controllerPort = controllerPort == 0 ? free[1] : controllerPort;
        }
        return new BrokerIdentity(clusterId, brokerPort, controllerPort);
    }

    /** Whether {@link #resolve} will choose at least one port itself (neither set nor persisted). */
    static boolean picksPorts(BrokerFiles files, BrokerSettings settings) {
        Properties persisted = StateFiles.loadProperties(files.identity());
        return (settings.brokerPort() == 0 && !persisted.containsKey(BROKER_PORT))
                || (settings.controllerPort() == 0 && !persisted.containsKey(CONTROLLER_PORT));
    }

    /** Keeps the cluster id (the storage is formatted with it) but lets the next start pick ports again. */
    static void forgetPorts(BrokerFiles files) {
        Properties persisted = StateFiles.loadProperties(files.identity());
        if (persisted.containsKey(CLUSTER_ID)) {
            StateFiles.writeAtomically(files.identity(), CLUSTER_ID + "=" + persisted.getProperty(CLUSTER_ID) + "\n");
        }
    }

    void store(BrokerFiles files) {
        StateFiles.writeAtomically(files.identity(),
                "# Written by Vireo; keeps the cluster id and bootstrap address stable across restarts.\n"
                        + CLUSTER_ID + "=" + clusterId + "\n"
                        + BROKER_PORT + "=" + brokerPort + "\n"
                        + CONTROLLER_PORT + "=" + controllerPort + "\n");
    }

    private static int choose(int requested, Properties persisted, String key, BrokerFiles files) {
        if (requested != 0) {
            return requested;
        }
        return persisted.containsKey(key) ? parsePort(persisted, key, files) : 0;
    }

    private static int parsePort(Properties p, String key, BrokerFiles files) {
        String value = p.getProperty(key);
        try {
            int port = Integer.parseInt(value == null ? "" : value.trim());
            if (port > 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the file and key
        }
        throw new IllegalStateException("invalid " + key + "='" + value + "' in " + files.identity());
    }

}
