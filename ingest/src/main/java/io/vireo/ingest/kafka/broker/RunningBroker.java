package io.vireo.ingest.kafka.broker;

import java.nio.file.Path;

/** A live broker process found through its data dir, possibly started by another JVM. */
public record RunningBroker(Path dataDir, long pid, String bootstrapServers) {
}
