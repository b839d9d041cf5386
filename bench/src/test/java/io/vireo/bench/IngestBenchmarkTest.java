package io.vireo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the benchmark at toy size: checks that it measures and records, not how fast anything is. */
class IngestBenchmarkTest {

    @Test
    void writesFiguresForEveryContenderWithTheMachine(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ingest.json");
        int exit = new CommandLine(new IngestBenchmark()).execute("--seconds", "4", "--size", "320x240", "--runs", "1",
                "--out", out.toString(), "--work-dir", dir.resolve("work").toString());

        assertThat(exit).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toFile());
        assertThat(result.path("benchmark").asText()).isEqualTo("ingest");
        assertThat(result.path("machine").path("cores").asInt()).isPositive();
        // 4 s at a 1 s GOP cut every 2 s: both segmenters make 2 pieces.
        assertThat(result.path("ffmpegSegmentCli").path("chunks").asLong()).isEqualTo(2);
        assertThat(result.path("vireoChunker").path("chunks").asLong()).isEqualTo(2);
        assertThat(result.path("vireoChunker").path("megabytesPerSecond").asDouble()).isPositive();
        assertThat(result.path("chunkerVsFfmpegRatio").asDouble()).isPositive();
        assertThat(result.path("vireoIngestToKafka").path("chunks").asLong()).isEqualTo(2);
        assertThat(result.path("ingestVsFfmpegRatio").asDouble()).isPositive();
    }
}
