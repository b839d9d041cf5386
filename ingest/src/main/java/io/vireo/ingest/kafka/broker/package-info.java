/**
 * A real Kafka broker (KRaft, one combined broker+controller node on loopback) run as its own JVM.
 *
 * <p>{@link io.vireo.ingest.kafka.broker.KafkaBrokerProcess} starts it from a
 * {@link io.vireo.ingest.kafka.broker.BrokerSettings}; everything else goes through the data dir, so a
 * later process (the {@code vireo kafka status|stop} CLI) needs nothing but the dir:
 * <pre>
 * broker-identity.properties  cluster id + ports, kept across restarts (same bootstrap address)
 * server.properties           regenerated on every start
 * log4j2.properties           regenerated on every start
 * classpath.args              the child's -cp, as a JVM @argfile
 * broker.pid                  pid of the running broker (removed by stop, left behind by a crash)
 * bootstrap.servers           host:port for clients
 * kafka-logs/                 Kafka's log.dirs (formatted once, meta.properties marks it)
 * logs/server.log             the broker's log
 * logs/console.out            the child's stdout/stderr (JVM errors, storage format output)
 * </pre>
 *
 * <p>The broker jars (org.apache.kafka:kafka_2.13, log4j-core, log4j-slf4j2-impl) are not compile
 * dependencies of this module; they must be on the classpath the child is launched with, which
 * defaults to this JVM's. {@link io.vireo.ingest.kafka.broker.BrokerMain} reaches them reflectively.
 */
package io.vireo.ingest.kafka.broker;
