package io.vireo.ingest.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DieWithParentTest {

    private static final Duration BROKER_START = Duration.ofSeconds(90);
    private static final Duration ORPHAN_EXIT = Duration.ofSeconds(30);

    @Test
    void brokerExitsWhenTheJvmThatStartedItIsKilled(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        Path launcherJar = manifestOnlyJar(dir.resolve("launcher.jar"));
        Process intermediate = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", launcherJar.toString(), StartBrokerAndWait.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
        Optional<ProcessHandle> broker = Optional.empty();
        try {
            long brokerPid = readBrokerPid(intermediate);
            broker = ProcessHandle.of(brokerPid);
            assertThat(broker).isPresent();
            assertThat(KafkaBrokerProcess.status(dataDir).isRunning()).isTrue();

            intermediate.destroyForcibly(); // SIGKILL: no shutdown hook of the intermediate JVM runs
            intermediate.waitFor(10, TimeUnit.SECONDS);

            assertThat(broker.get().onExit().completeOnTimeout(null, ORPHAN_EXIT.toMillis(), TimeUnit.MILLISECONDS).get())
                    .as("broker pid %d should exit within %s of its parent's death", brokerPid, ORPHAN_EXIT)
                    .isNotNull();
            assertThat(Files.readString(dataDir.resolve("logs/console.out"))).contains("Parent process " + intermediate.pid() + " is gone");
        } finally {
            intermediate.destroyForcibly();
            broker.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static long readBrokerPid(Process intermediate) throws Exception {
        CompletableFuture<String> pidLine = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(intermediate.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(StartBrokerAndWait.PID_PREFIX)) {
                        return line;
                    }
                    seen.append(line).append('\n');
                }
            } catch (Exception e) {
                seen.append(e);
            }
            throw new IllegalStateException("intermediate JVM ended without reporting a broker pid:\n" + seen);
        });
        String line = pidLine.get(BROKER_START.toSeconds(), TimeUnit.SECONDS);
        return Long.parseLong(line.substring(StartBrokerAndWait.PID_PREFIX.length()).trim());
    }

    /** A jar holding only a manifest whose Class-Path is this JVM's classpath, like surefire's booter jar. */
    private static Path manifestOnlyJar(Path jar) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, BrokerSettings.currentClasspath().stream()
                .map(p -> p.toUri().toString())
                .collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.finish();
        }
        return jar;
    }
}
