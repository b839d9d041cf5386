package io.vireo.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the benchmark at toy size: checks that it measures and records, not how fast anything is. */
class PairsBenchmarkTest {

    @Test
    void writesDecodeAndTrackerFiguresWithTheMachine(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("pairs.json");
        int exit = new CommandLine(new PairsBenchmark()).execute("--seconds", "2", "--size", "320x240",
                "--scene-seconds", "6", "--trackers", "kcf", "--runs", "1", "--out", out.toString(),
                "--work-dir", dir.resolve("work").toString());

        assertThat(exit).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toFile());
        assertThat(result.path("benchmark").asText()).isEqualTo("pairs");
        assertThat(result.path("machine").path("cores").asInt()).isPositive();
        JsonNode decode = result.path("decode");
        // 2 s at 30 fps, every frame decoded; sampled at the default 10 fps.
        assertThat(decode.path("input").path("frames").asLong()).isEqualTo(60);
        assertThat(decode.path("sampledFrames").asLong()).isEqualTo(20);
        assertThat(decode.path("vireoVsFfmpegNullRatio").asDouble()).isPositive();
        assertThat(decode.path("ffmpegBgr24NullFramesPerSecond").asDouble()).isPositive();
        assertThat(decode.path("segmentDecoderNoConversionVsFfmpegNullRatio").asDouble()).isPositive();
        assertThat(decode.path("marginalVsFfmpegBgr24Ratio").isNumber()).isTrue();
        // Clocked inside the job between its first and last sampled frame: a rate, whatever the machine.
        assertThat(decode.path("steadyVsFfmpegBgr24Ratio").asDouble()).isPositive();
        assertThat(decode.path("vireoSteadyFramesPerSecond").asDouble()).isPositive();
        JsonNode kcf = result.path("regionPairs").path("kcf");
        // A toy scene may well give no verified track; the figures must be there either way.
        assertThat(kcf.path("pairs").isIntegralNumber()).isTrue();
        assertThat(kcf.path("seconds").asDouble()).isPositive();
        assertThat(kcf.path("pairsPerSecond").asDouble()).isEqualTo(kcf.path("pairs").asLong() / kcf.path("seconds").asDouble());
    }
}
