package io.vireo.ingest.kafka.broker;

import java.nio.file.Path;

/**
 * Main of the intermediate JVM in {@link DieWithParentTest}: starts a broker that watches this JVM,
 * reports the broker's pid on stdout, then waits to be killed. It uses the default classpath on
 * purpose, which the test makes a manifest-only jar, as surefire's booter jar would be.
 */
public final class StartBrokerAndWait {

    static final String PID_PREFIX = "BROKER_PID=";

    private StartBrokerAndWait() {
    }

    public static void main(String[] args) throws InterruptedException {
        BrokerSettings settings = BrokerSettings.defaults(Path.of(args[0])).withHeap("256m").withDieWithParent(true);
        KafkaBrokerProcess broker = KafkaBrokerProcess.start(settings);
        System.out.println(PID_PREFIX + broker.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
