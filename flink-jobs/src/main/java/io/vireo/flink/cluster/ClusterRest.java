package io.vireo.flink.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few read-only REST calls the cluster lifecycle needs; job calls go through {@link ClusterSubmitter}.
 * One instance per poller: an HttpClient owns a selector thread until it is garbage collected, so a
 * client per request would pile up threads during a two-minute readiness wait.
 */
final class ClusterRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String restAddress;
    private final Duration timeout;
    private final HttpClient client;

    ClusterRest(String restAddress, Duration timeout) {
        this.restAddress = restAddress;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** See {@link #taskManagerIds(String, Duration)}. */
    Optional<List<String>> taskManagerIds() {
        return get("/taskmanagers").map(ClusterRest::ids);
    }

    Optional<JsonNode> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + restAddress + path)).timeout(timeout).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            return Optional.empty(); // not listening yet, or gone: the caller decides what that means
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    /**
     * Resource ids of the TaskManagers the JobManager has registered ({@code GET /taskmanagers}), or
     * empty if the REST endpoint does not answer (yet). A TaskManager killed a moment ago stays listed
     * until its heartbeat times out.
     */
    static Optional<List<String>> taskManagerIds(String restAddress, Duration timeout) {
        return get(restAddress, "/taskmanagers", timeout).map(ClusterRest::ids);
    }

    /** Busy slots per TaskManager resource id (slotsNumber - freeSlots). */
    static Optional<java.util.Map<String, Integer>> busySlots(String restAddress, Duration timeout) {
        return get(restAddress, "/taskmanagers", timeout).map(body -> {
            java.util.Map<String, Integer> busy = new java.util.LinkedHashMap<>();
            body.path("taskmanagers").forEach(tm ->
                    busy.put(tm.path("id").asText(), tm.path("slotsNumber").asInt() - tm.path("freeSlots").asInt()));
            return busy;
        });
    }

    /** One-off request (status from another process, tests). */
    static Optional<JsonNode> get(String restAddress, String path, Duration timeout) {
        return new ClusterRest(restAddress, timeout).get(path);
    }
}
