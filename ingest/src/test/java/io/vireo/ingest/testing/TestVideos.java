package io.vireo.ingest.testing;

import io.vireo.ingest.ffmpeg.FfmpegCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Real encoded videos for tests, made with the FFmpeg CLI from its synthetic test sources
 * (moving test patterns and a sine tone), so each test controls codec, GOP and container.
 */
public final class TestVideos {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private TestVideos() {
    }

    /** What to encode. */
    public record Spec(int seconds, int fps, int gop, int width, int height, boolean audio, String container) {

        public static Spec of(int seconds) {
            return new Spec(seconds, 25, 25, 320, 240, false, "mp4");
        }

        public Spec gop(int frames) {
            return new Spec(seconds, fps, frames, width, height, audio, container);
        }

        public Spec withAudio() {
            return new Spec(seconds, fps, gop, width, height, true, container);
        }

        public Spec container(String extension) {
            return new Spec(seconds, fps, gop, width, height, audio, extension);
        }

        public Spec size(int w, int h) {
            return new Spec(seconds, fps, gop, w, h, audio, container);
        }

        public int frames() {
            return seconds * fps;
        }
    }

    /** H.264 (OpenH264) test pattern; MP4 output is written with the index up front ("faststart"). */
    public static Path h264(Path directory, String name, Spec spec) throws IOException, InterruptedException {
        Path out = directory.resolve(name + "." + spec.container());
        List<String> args = new ArrayList<>(List.of("-y", "-v", "error",
                "-f", "lavfi", "-i", "testsrc2=size=" + spec.width() + "x" + spec.height() + ":rate=" + spec.fps()));
        if (spec.audio()) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"));
        }
        args.addAll(List.of("-t", Integer.toString(spec.seconds()), "-c:v", "libopenh264", "-pix_fmt", "yuv420p",
                "-g", Integer.toString(spec.gop()), "-b:v", "600k"));
        if (spec.audio()) {
            args.addAll(List.of("-c:a", "aac", "-b:a", "64k"));
        }
        if (spec.container().equals("mp4")) {
            args.addAll(List.of("-movflags", "+faststart"));
        }
        args.add(out.toString());
        FfmpegCli.runFfmpeg(TIMEOUT, args.toArray(String[]::new));
        return out;
    }

    /** A copy of {@code video} whose display matrix says "rotate by {@code degrees}" (no re-encode). */
    public static Path rotated(Path video, int degrees) throws IOException, InterruptedException {
        Path out = video.resolveSibling("rotated-" + degrees + "-" + video.getFileName());
        FfmpegCli.runFfmpeg(TIMEOUT, "-y", "-v", "error", "-display_rotation", Integer.toString(degrees),
                "-i", video.toString(), "-c", "copy", out.toString());
        return out;
    }

    /** The first {@code fraction} of the file's bytes, as a download cut off part-way would leave it. */
    public static Path truncated(Path video, double fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(video);
        Path out = video.resolveSibling("truncated-" + video.getFileName());
        Files.write(out, java.util.Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
        return out;
    }

    /** Where {@code ../shared/data/fetch-real-data.sh} put its data, if it ran. */
    public static Path realDataDir() {
        String configured = System.getenv("VIREO_REAL_DATA");
        return configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "vireo", "real-data");
    }

    /**
     * The real clips fetched from Debian packages. On CI (where {@code .ci/run} fetches them) their
     * absence fails the test; on a developer machine that has not fetched them, the test is skipped
     * with the command that fetches them.
     */
    public static List<Path> realClips() throws IOException {
        Path videos = realDataDir().resolve("video");
        if (!Files.isDirectory(videos)) {
            String hint = "real clips not found in " + videos + "; run ../shared/data/fetch-real-data.sh";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(hint);
            }
            org.junit.jupiter.api.Assumptions.abort(hint);
        }
        try (var files = Files.list(videos)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
