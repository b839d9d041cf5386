package io.vireo.ingest.kafka.broker;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks the child's classpath before launching, so a missing jar is reported in one clear line
 * instead of a ClassNotFoundException buried in a child log.
 */
final class BrokerClasspath {

    static final String KAFKA_MAIN = "kafka.Kafka";
    static final String MISSING_BROKER_JARS = "Kafka broker jars (org.apache.kafka:kafka_2.13) are not on the classpath"
            + " the broker would be launched with; add org.apache.kafka:kafka_2.13 plus"
            + " org.apache.logging.log4j:log4j-core and log4j-slf4j2-impl (test scope for tests, runtime scope for the CLI)"
            + " or pass a classpath that has them in BrokerSettings.classpath";

    private BrokerClasspath() {
    }

    static void requireBrokerJars(List<Path> classpath) {
        // A loader with no parent sees exactly the child's classpath, including manifest Class-Path entries.
        try (URLClassLoader loader = new URLClassLoader(urls(classpath), null)) {
            if (loader.findResource(resource(KAFKA_MAIN)) == null) {
                throw new BrokerStartException(MISSING_BROKER_JARS + " (searched " + classpath.size() + " entries)");
            }
            require(loader, BrokerMain.class.getName(), "Vireo's broker launcher (module vireo-ingest)");
            require(loader, "org.apache.logging.log4j.core.Logger", "log4j-core (org.apache.logging.log4j:log4j-core)");
        } catch (IOException e) {
            throw new BrokerStartException("cannot inspect the broker classpath: " + e.getMessage(), e);
        }
    }

    /** A JVM @argfile line; the classpath can exceed the kernel's 128 KiB limit for one argument. */
    static String argFile(List<Path> classpath) {
        // Absolute: the child runs in the data dir, where relative entries would point elsewhere.
        String joined = classpath.stream().map(p -> p.toAbsolutePath().toString())
                .collect(Collectors.joining(java.io.File.pathSeparator));
        return "-cp\n\"" + joined.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
    }

    private static void require(URLClassLoader loader, String className, String what) {
        if (loader.findResource(resource(className)) == null) {
            throw new BrokerStartException(what + " is not on the classpath the broker would be launched with"
                    + " (class " + className + " not found); check BrokerSettings.classpath");
        }
    }

    private static String resource(String className) {
        return className.replace('.', '/') + ".class";
    }

    private static URL[] urls(List<Path> classpath) {
        return classpath.stream().map(p -> {
            try {
                return p.toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("BrokerSettings.classpath entry is not a valid path: " + p, e);
            }
        }).toArray(URL[]::new);
    }
}
