package io.vireo.training.data;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a {@link PairStream} is, as named counters: {@code consumed} for image sources, shard and
 * row for Parquet shards, partition offsets for Kafka. Stored in checkpoints as-is.
 */
public record SourcePosition(Map<String, Long> offsets) {
    public SourcePosition {
        offsets = java.util.Collections.unmodifiableMap(new TreeMap<>(offsets));
    }

    public long get(String key) {
        Long v = offsets.get(key);
        if (v == null) {
            throw new IllegalArgumentException("source position has no '" + key + "' (has " + offsets.keySet() + ")");
        }
        return v;
    }
}
