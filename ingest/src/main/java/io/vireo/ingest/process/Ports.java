package io.vireo.ingest.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Port probing on the host a supervised process (the broker, a Flink cluster) binds to. */
public final class Ports {

    private Ports() {
    }

    /**
     * {@code count} distinct free ports, none equal to {@code avoid}. The sockets are held open
     * together so the OS cannot hand out the same port twice.
     */
    public static int[] freePorts(String host, int count, int... avoid) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            int found = 0;
            while (found < count) {
                ServerSocket s = new ServerSocket();
                held.add(s);
                s.bind(new InetSocketAddress(host, 0));
                int port = s.getLocalPort();
                if (!contains(avoid, port)) {
                    ports[found++] = port;
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + host, e);
        } finally {
            held.forEach(Ports::closeQuietly);
        }
    }

    /**
     * Why {@code host:port} cannot be bound, or empty when it is free. Kafka and Flink bind with
     * SO_REUSEADDR as well, so TIME_WAIT leftovers of a previous run do not count as taken.
     */
    public static java.util.Optional<String> whyTaken(String host, int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
            return java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.of(host + ":" + port + " is already in use (" + e.getMessage()
                    + "); stop whatever listens there or choose another port");
        }
    }

    public static boolean accepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private static void closeQuietly(ServerSocket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // the port was only probed
        }
    }
}
