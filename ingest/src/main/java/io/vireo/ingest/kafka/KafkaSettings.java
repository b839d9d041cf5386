package io.vireo.ingest.kafka;

import java.time.Duration;

/**
 * How to reach Kafka.
 *
 * @param bootstrapServers comma-separated host:port list
 * @param connectAttempts  how many times to try reaching the cluster before giving up
 * @param initialBackoff   wait after the first failed attempt; doubles after each further one
 * @param requestTimeout   per-request timeout for admin calls and producer deliveries' retries
 */
public record KafkaSettings(String bootstrapServers, int connectAttempts, Duration initialBackoff, Duration requestTimeout) {

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap must name at least one host:port, got '" + bootstrapServers + "'");
        }
        for (String server : bootstrapServers.split(",")) {
            int colon = server.lastIndexOf(':');
            if (colon <= 0 || !server.substring(colon + 1).strip().matches("\\d{1,5}")) {
                throw new IllegalArgumentException("bootstrap entry '" + server.strip() + "' is not host:port");
            }
        }
        if (connectAttempts < 1) {
            throw new IllegalArgumentException("connect-attempts must be >= 1, got " + connectAttempts);
        }
        if (initialBackoff == null || initialBackoff.isNegative()) {
            throw new IllegalArgumentException("connect-backoff must be >= 0, got " + initialBackoff);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("request-timeout must be > 0, got " + requestTimeout);
        }
    }

    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, 4, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    public KafkaSettings withConnectAttempts(int attempts, Duration backoff) {
        return new KafkaSettings(bootstrapServers, attempts, backoff, requestTimeout);
    }

    public KafkaSettings withRequestTimeout(Duration timeout) {
        return new KafkaSettings(bootstrapServers, connectAttempts, initialBackoff, timeout);
    }
}
