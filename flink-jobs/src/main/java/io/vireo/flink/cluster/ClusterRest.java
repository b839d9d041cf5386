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

/** The few read-only REST calls the cluster lifecycle needs; job calls go through {@link ClusterSubmitter}. */
final class ClusterRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterRest() {
    }

    /**
     * Resource ids of the TaskManagers the JobManager has registered ({@code GET /taskmanagers}), or
     * empty if the REST endpoint does not answer (yet). A TaskManager killed a moment ago stays listed
     * until its heartbeat times out.
     */
    static Optional<List<String>> taskManagerIds(String restAddress, Duration timeout) {
        return get(restAddress, "/taskmanagers", timeout).map(body -> {
            List<String> ids = new ArrayList<>();
            body.path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
            return ids;
        });
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

    static Optional<JsonNode> get(String restAddress, String path, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
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
}
