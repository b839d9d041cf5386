package io.vireo.training.data;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.vireo.ingest.kafka.MessageLimits;
import io.vireo.ingest.record.PairRecord;
import io.vireo.ingest.record.PairRecords;

/**
 * The pair topic ({@code vireo.pairs}) as a training stream: every partition assigned explicitly
 * (no consumer group, nothing committed to Kafka — the trainer's checkpoint is the only record of
 * what was consumed), {@code read_committed}, so pairs of an unfinished or aborted Flink checkpoint
 * are never trained on.
 *
 * <p>Order: one pair per partition in turn (partition number order), so a resume from the
 * checkpointed offsets and turn gives the same sequence. Only pairs below the end offsets
 * (the last stable offsets) sampled when the previous ones were used up are handed out; that makes
 * the interleaving a function of the topic's contents, not of fetch timing. When every partition is
 * used up, {@link #next()} waits for the pair builder.
 *
 * <p>Position: {@code partition.N} = offset of the next pair to hand out from partition N, and
 * {@code turn} = the partition whose turn is next.
 */
public final class KafkaPairStream implements PairStream {
    static final String PARTITION = "partition.";
    static final String TURN = "turn";
    private static final Duration POLL = Duration.ofMillis(200);
    /** endOffsets is a request to the broker; on a loaded machine it can take seconds, which is not an error. */
    private static final Duration OFFSETS_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final String bootstrap;
    private final Set<PairRecord.Kind> kinds;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> buffers = new HashMap<>();
    private final long[] next;
    private final long[] end;
    private int turn;

    /** @param metadataTimeout how long to wait for the topic's partitions (the broker may be starting) */
    public KafkaPairStream(String bootstrap, String topic, Duration metadataTimeout) {
        this(bootstrap, topic, metadataTimeout, EnumSet.allOf(PairRecord.Kind.class));
    }

    /**
     * Only the pairs of {@code kinds}; the others are passed over (their offsets consumed), so the
     * position and a resume stay exact. If the topic holds none of them, {@link #next()} waits, as it
     * does for a topic the pair builder has not written yet.
     */
    public KafkaPairStream(String bootstrap, String topic, Duration metadataTimeout, Set<PairRecord.Kind> kinds) {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("pair kinds: at least one of " + EnumSet.allOf(PairRecord.Kind.class));
        }
        this.kinds = EnumSet.copyOf(kinds);
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("data.bootstrap: required for data.kind=kafka (HOST:PORT)");
        }
        this.topic = topic;
        this.bootstrap = bootstrap;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "vireo-trainer");
        props.putAll(MessageLimits.defaults().consumerConfig());
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, metadataTimeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("data.topic: no topic '" + topic + "' on " + bootstrap);
            }
            this.partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, metadataTimeout);
            this.next = new long[partitions.size()];
            this.end = new long[partitions.size()];
            for (int p = 0; p < partitions.size(); p++) {
                next[p] = begin.get(partitions.get(p));
                consumer.seek(partitions.get(p), next[p]);
                buffers.put(partitions.get(p), new ArrayDeque<>());
            }
            refreshEnds(metadataTimeout);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            consumer.close(Duration.ZERO);
            throw new IllegalArgumentException("data.bootstrap: no answer from Kafka at " + bootstrap + " about topic '"
                    + topic + "' within " + metadataTimeout.toSeconds() + " s", e);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    private boolean refreshEnds(Duration timeout) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        boolean more = false;
        for (int p = 0; p < partitions.size(); p++) {
            end[p] = ends.get(partitions.get(p));
            more |= next[p] < end[p];
        }
        return more;
    }

    @Override
    public ViewPair next() {
        try {
            ViewPair pair;
            while ((pair = poll()) == null) {
                Thread.sleep(POLL.toMillis()); // caught up: wait for the pair builder
            }
            return pair;
        } catch (InterruptedException | InterruptException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for pairs on " + topic, e);
        }
    }

    /** The next pair below the sampled end offsets, sampling them again once; null when caught up. */
    @Override
    public ViewPair poll() {
        ViewPair pair = takeInTurn();
        if (pair == null && refreshEnds(OFFSETS_TIMEOUT)) {
            pair = takeInTurn();
        }
        return pair;
    }

    /** The next pair of {@link #kinds} in partition turn; pairs of another kind use their turn and are passed over. */
    private ViewPair takeInTurn() {
        while (true) {
            ConsumerRecord<byte[], byte[]> r = null;
            for (int k = 0; k < partitions.size() && r == null; k++) {
                int p = (turn + k) % partitions.size();
                r = take(p);
                if (r != null) {
                    turn = (p + 1) % partitions.size();
                }
            }
            if (r == null) {
                return null;
            }
            PairRecord pair = decode(r);
            if (kinds.contains(pair.kind())) {
                return EncodedViews.decode(pair, topic + "-" + r.partition() + "@" + r.offset());
            }
        }
    }

    private static PairRecord decode(ConsumerRecord<byte[], byte[]> r) {
        try {
            return PairRecords.decode(r.value());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + e.getMessage(), e);
        }
    }

    /** The next pair of partition p below its sampled end, or null when p has none (only markers left). */
    private ConsumerRecord<byte[], byte[]> take(int p) {
        TopicPartition tp = partitions.get(p);
        ArrayDeque<ConsumerRecord<byte[], byte[]>> buffer = buffers.get(tp);
        while (next[p] < end[p]) {
            ConsumerRecord<byte[], byte[]> head = buffer.peekFirst();
            if (head != null) {
                if (head.offset() >= end[p]) {
                    next[p] = end[p]; // the offsets in between were transaction markers or aborted pairs
                    return null;
                }
                buffer.removeFirst();
                next[p] = head.offset() + 1;
                return head;
            }
            if (consumer.position(tp) >= end[p]) {
                next[p] = end[p];
                return null;
            }
            fetch(tp);
        }
        return null;
    }

    /** Polls only {@code tp}, so buffers of partitions not yet due do not grow. */
    private void fetch(TopicPartition tp) {
        List<TopicPartition> others = new ArrayList<>(partitions);
        others.remove(tp);
        consumer.pause(others);
        try {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                buffers.get(new TopicPartition(r.topic(), r.partition())).addLast(r);
            }
        } finally {
            consumer.resume(others);
        }
    }

    @Override
    public SourcePosition position() {
        Map<String, Long> m = new HashMap<>();
        for (int p = 0; p < partitions.size(); p++) {
            m.put(PARTITION + partitions.get(p).partition(), next[p]);
        }
        m.put(TURN, (long) turn);
        return new SourcePosition(m);
    }

    @Override
    public void seek(SourcePosition position) {
        for (String key : position.offsets().keySet()) {
            if (key.startsWith(PARTITION) && partitions.stream()
                    .noneMatch(tp -> key.equals(PARTITION + tp.partition()))) {
                throw new IllegalArgumentException("data.topic: the checkpoint has an offset for " + key + ", which topic '"
                        + topic + "' on " + bootstrap + " does not have: it is not the topic the checkpoint was trained on");
            }
        }
        for (int p = 0; p < partitions.size(); p++) {
            String key = PARTITION + partitions.get(p).partition();
            if (position.offsets().containsKey(key)) { // partitions added since start from their beginning
                next[p] = position.get(key);
                consumer.seek(partitions.get(p), next[p]);
                buffers.get(partitions.get(p)).clear();
            }
        }
        turn = (int) (position.get(TURN) % partitions.size());
        refreshEnds(OFFSETS_TIMEOUT);
    }

    /** Unbounded: a stream has no dataset size (the queue-size check does not apply). */
    @Override
    public long datasetSize() {
        return -1;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
