package io.vireo.cli;

import java.nio.file.Path;

/** Where Vireo keeps local state (the embedded broker's data, quickstart output): $VIREO_HOME or ~/.vireo. */
final class VireoHome {

    private VireoHome() {
    }

    static Path path() {
        String configured = System.getenv("VIREO_HOME");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".vireo");
    }

    static Path embeddedKafka() {
        return path().resolve("kafka");
    }
}
