package io.vireo.ingest.kafka.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerClasspathTest {

    @Test
    void argFileNamesEntriesAbsolutelyBecauseTheBrokerRunsInItsDataDir() {
        String argFile = BrokerClasspath.argFile(List.of(Path.of("cli/target/vireo-cli.jar")));

        assertThat(argFile).contains(Path.of("cli/target/vireo-cli.jar").toAbsolutePath().toString())
                .doesNotContain("\"cli/target");
    }
}
