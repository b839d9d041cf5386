package io.vireo.ingest.publish;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** A loopback HTTP server that sends an MPEG-TS file as a live stream: chunked, no length, no seeking. */
final class LiveHttpServer implements AutoCloseable {

    private final HttpServer server;

    private LiveHttpServer(HttpServer server) {
        this.server = server;
    }

    static LiveHttpServer streaming(Path ts) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/live.ts", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "video/mp2t");
            exchange.sendResponseHeaders(200, 0);
            try (InputStream in = Files.newInputStream(ts); OutputStream out = exchange.getResponseBody()) {
                byte[] buffer = new byte[188 * 64];
                int read;
                while ((read = in.read(buffer)) > 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException clientWentAway) {
                // The reader may stop early; nothing to clean up.
            }
        });
        server.start();
        return new LiveHttpServer(server);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/live.ts";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
