package io.vireo.ingest.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/**
 * The {@code ffmpeg} and {@code ffprobe} programs that ship inside JavaCV's FFmpeg artifact, so the
 * same FFmpeg build serves as Vireo's library and as the reference it is compared against.
 */
public final class FfmpegCli {

    private FfmpegCli() {
    }

    public static Path ffmpeg() {
        return Path.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
    }

    public static Path ffprobe() {
        return Path.of(Loader.load(org.bytedeco.ffmpeg.ffprobe.class));
    }

    /** Output of a finished program run. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs ffmpeg with the given arguments; fails with its stderr if it exits non-zero. */
    public static Result runFfmpeg(Duration timeout, String... args) throws IOException, InterruptedException {
        return runChecked(ffmpeg(), timeout, args);
    }

    public static Result runFfprobe(Duration timeout, String... args) throws IOException, InterruptedException {
        return runChecked(ffprobe(), timeout, args);
    }

    /** Starts ffmpeg in the background (e.g. a live stream feeder); the caller must destroy it. */
    public static Process startFfmpeg(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ffmpeg().toString());
        command.addAll(List.of(args));
        return withLibraries(new ProcessBuilder(command), ffmpeg()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Number of video frames FFmpeg itself decodes from a file, the reference for frame-count checks. */
    public static long decodedFrameCount(Path video) throws IOException, InterruptedException {
        Result result = runFfprobe(Duration.ofMinutes(5), "-v", "error", "-select_streams", "v:0", "-count_frames",
                "-show_entries", "stream=nb_read_frames", "-of", "default=nokey=1:noprint_wrappers=1", video.toString());
        // MPEG-TS may list the stream once per program: the first line is the stream's count.
        String first = result.stdout().strip().lines().findFirst()
                .orElseThrow(() -> new IOException("ffprobe reported no video stream in " + video));
        return Long.parseLong(first.strip());
    }

    private static Result runChecked(Path program, Duration timeout, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(List.of(args));
        Process process = withLibraries(new ProcessBuilder(command), program).start();
        try {
            // Drain stderr on another thread so a chatty program never blocks on a full pipe.
            var stderr = new java.util.concurrent.CompletableFuture<String>();
            Thread drain = new Thread(() -> {
                try {
                    stderr.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    stderr.complete("");
                }
            }, "ffmpeg-stderr");
            drain.setDaemon(true);
            drain.start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(program.getFileName() + " did not finish within " + timeout);
            }
            drain.join(5_000);
            Result result = new Result(process.exitValue(), stdout, stderr.getNow(""));
            if (result.exitCode() != 0) {
                throw new IOException(program.getFileName() + " " + String.join(" ", args) + " failed with exit code "
                        + result.exitCode() + ": " + tail(result.stderr()));
            }
            return result;
        } finally {
            process.destroyForcibly();
        }
    }

    /** The programs link FFmpeg's shared libraries, which JavaCPP unpacks next to them. */
    private static ProcessBuilder withLibraries(ProcessBuilder builder, Path program) {
        String libraries = program.getParent().toString();
        String existing = builder.environment().get("LD_LIBRARY_PATH");
        builder.environment().put("LD_LIBRARY_PATH", existing == null ? libraries : libraries + ":" + existing);
        return builder;
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    }
}
