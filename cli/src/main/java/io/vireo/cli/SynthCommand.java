package io.vireo.cli;

import io.vireo.synth.SceneSynthesizer;
import io.vireo.synth.SynthConfig;
import io.vireo.synth.SynthResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Render synthetic videos of textured objects (several classes) that move, turn (viewpoint),",
                "change light direction and colour, get occluded, with camera pans and hard shot cuts.",
                "Writes NAME.mp4 and NAME.ts (H.264) and NAME.json (exact per-frame ground truth).",
                "Deterministic given --seed."})
final class SynthCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", defaultValue = "synth", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--videos", defaultValue = "1", description = "How many videos, seeds seed..seed+N-1 (default: ${DEFAULT-VALUE}).")
    int videos;

    @Option(names = "--name", defaultValue = "scene", description = "File name prefix (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--seconds", defaultValue = "10", description = "Length of each video (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--fps", defaultValue = "25", description = "Frame rate (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--size", defaultValue = "320x240", description = "WIDTHxHEIGHT (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed of the first video (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--objects", defaultValue = "3", description = "Objects per shot (default: ${DEFAULT-VALUE}).")
    int objects;

    @Option(names = "--shot-seconds", defaultValue = "2.5", description = "Mean shot length (default: ${DEFAULT-VALUE}).")
    double shotSeconds;

    @Override
    public Integer call() throws IOException {
        for (SynthResult result : render()) {
            spec.commandLine().getOut().println(result.mp4() + "  " + result.ts() + "  " + result.groundTruthFile());
        }
        return 0;
    }

    List<SynthResult> render() throws IOException {
        if (videos < 1) {
            throw new IllegalArgumentException("--videos must be >= 1, got " + videos);
        }
        int[] dimensions = parseSize(size);
        Files.createDirectories(out);
        List<SynthResult> results = new ArrayList<>();
        for (int i = 0; i < videos; i++) {
            SynthConfig config = SynthConfig.builder().width(dimensions[0]).height(dimensions[1]).fps(fps).seconds(seconds)
                    .seed(seed + i).objectsPerShot(objects).meanShotSeconds(shotSeconds).build();
            String videoName = videos == 1 ? name : String.format("%s-%03d", name, i);
            try (FrameProgress progress = new FrameProgress("synth " + videoName, config.frames())) {
                results.add(SceneSynthesizer.generate(config, out, videoName, progress));
            }
        }
        return results;
    }

    private static int[] parseSize(String size) {
        String[] parts = size.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("--size must be WIDTHxHEIGHT, got '" + size + "'");
    }
}
