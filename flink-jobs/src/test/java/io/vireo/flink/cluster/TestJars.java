package io.vireo.flink.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Builds a small job jar from compiled test classes, to prove that classes travel with the job. */
final class TestJars {

    private TestJars() {
    }

    /** A jar with {@code top} and all its nested classes ({@code Top$*.class}). */
    static Path jarOf(Path jar, Class<?> top) throws IOException, URISyntaxException {
        Path root = Path.of(top.getProtectionDomain().getCodeSource().getLocation().toURI());
        String packageDir = top.getPackageName().replace('.', '/');
        Path dir = root.resolve(packageDir);
        List<Path> classes;
        try (Stream<Path> files = Files.list(dir)) {
            classes = files.filter(f -> {
                String n = f.getFileName().toString();
                return n.equals(top.getSimpleName() + ".class") || n.startsWith(top.getSimpleName() + "$");
            }).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            for (Path c : classes) {
                jarOut.putNextEntry(new JarEntry(packageDir + "/" + c.getFileName()));
                Files.copy(c, jarOut);
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    /** This JVM's classpath without the compiled test classes of any module. */
    static List<Path> classpathWithoutTestClasses() {
        return FlinkClusterSettings.currentClasspath().stream()
                .filter(p -> !p.getFileName().toString().equals("test-classes"))
                .toList();
    }
}
