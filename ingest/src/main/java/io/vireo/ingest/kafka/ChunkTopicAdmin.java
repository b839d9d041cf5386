package io.vireo.ingest.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reaches the cluster (with backoff) and makes sure the chunk topic exists with the right limits. */
public final class ChunkTopicAdmin implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkTopicAdmin.class);

    private final KafkaSettings kafka;
    private final Admin admin;

    public ChunkTopicAdmin(KafkaSettings kafka) {
        this.kafka = kafka;
        this.admin = Admin.create(ClientConfigs.admin(kafka));
    }

    /** A broker that is up answers a metadata request in milliseconds; waiting longer per attempt only delays the error. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    /** Retries with exponential backoff; fails naming the address and the last cause. */
    public void awaitCluster() throws KafkaUnavailableException, InterruptedException {
        Duration backoff = kafka.initialBackoff();
        long attemptMillis = Math.min(ATTEMPT_TIMEOUT.toMillis(), kafka.requestTimeout().toMillis());
        long started = System.nanoTime();
        Exception last = null;
        for (int attempt = 1; attempt <= kafka.connectAttempts(); attempt++) {
            try {
                admin.describeCluster().clusterId().get(attemptMillis, TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                last = e;
            } catch (TimeoutException e) {
                last = new TimeoutException("no answer within " + attemptMillis + " ms (is a broker listening there?)");
            }
            if (attempt < kafka.connectAttempts()) {
                LOG.warn("Kafka at {} not reachable (attempt {}/{}), retrying in {} ms", kafka.bootstrapServers(),
                        attempt, kafka.connectAttempts(), backoff.toMillis());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2);
            }
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        throw new KafkaUnavailableException("cannot reach Kafka at " + kafka.bootstrapServers() + " after "
                + kafka.connectAttempts() + " attempts over " + seconds + " s: " + rootMessage(last), last);
    }

    /**
     * Creates the topic if missing; an existing topic is used as it is, unless its message limit is
     * below what chunks need.
     *
     * @return the topic's actual partition count (an existing topic may differ from the requested one)
     */
    public int ensureTopic(ChunkTopic topic) throws KafkaUnavailableException, InterruptedException {
        NewTopic request = new NewTopic(topic.name(), topic.partitions(), topic.replicationFactor())
                .configs(topic.limits().topicConfig());
        try {
            admin.createTopics(List.of(request)).all().get();
            LOG.info("created topic {} ({} partitions, max.message.bytes {})", topic.name(), topic.partitions(),
                    topic.maxMessageBytes());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw unavailable("cannot create topic " + topic.name(), e);
            }
        }
        // A topic just created may not be in the broker's metadata yet: retry briefly.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                return checkExisting(topic);
            } catch (KafkaUnavailableException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private int checkExisting(ChunkTopic topic) throws KafkaUnavailableException, InterruptedException {
        try {
            TopicDescription description = admin.describeTopics(Set.of(topic.name())).allTopicNames().get().get(topic.name());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
            Config config = admin.describeConfigs(Set.of(resource)).all().get().get(resource);
            var limit = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (limit != null && Integer.parseInt(limit.value()) < topic.maxMessageBytes()) {
                throw new KafkaUnavailableException("topic " + topic.name() + " has " + TopicConfig.MAX_MESSAGE_BYTES_CONFIG
                        + "=" + limit.value() + ", below the " + topic.maxMessageBytes() + " bytes chunks may need; raise it with "
                        + "kafka-configs --alter --entity-type topics --entity-name " + topic.name()
                        + " --add-config max.message.bytes=" + topic.maxMessageBytes(), null);
            }
            return description.partitions().size();
        } catch (ExecutionException e) {
            throw unavailable("cannot describe topic " + topic.name(), e);
        }
    }

    private KafkaUnavailableException unavailable(String what, ExecutionException e) {
        return new KafkaUnavailableException(what + " at " + kafka.bootstrapServers() + ": " + rootMessage(e), e.getCause());
    }

    static String rootMessage(Throwable throwable) {
        Throwable root = throwable;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == null ? "unknown cause" : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
