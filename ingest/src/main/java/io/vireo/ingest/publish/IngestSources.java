package io.vireo.ingest.publish;

import io.vireo.ingest.chunk.KeyframeChunker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Turns what a user names on the command line (files, folders, URLs) into streams with ids. */
public final class IngestSources {

    public static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "m4v", "mov", "mkv", "webm", "avi", "ts",
            "m2ts", "mts", "mpg", "mpeg", "ogv", "ogg", "flv", "wmv", "3gp", "y4m");

    private IngestSources() {
    }

    /**
     * Files stay as they are (a missing one fails later with its own error, not here), folders are
     * searched recursively for video extensions, URLs are taken as live or remote streams.
     *
     * @param streamIdOverride replaces the derived id; only allowed when the inputs name one stream
     */
    public static List<IngestSource> expand(List<String> inputs, String streamIdOverride) {
        List<IngestSource> sources = new ArrayList<>();
        for (String input : inputs) {
            if (KeyframeChunker.isNetworkSource(input)) {
                sources.add(new IngestSource(input, streamIdForUrl(input)));
                continue;
            }
            Path path = Path.of(input);
            if (Files.isDirectory(path)) {
                List<Path> videos = videosIn(path);
                if (videos.isEmpty()) {
                    throw new IllegalArgumentException("folder " + path + " contains no videos (looked for "
                            + String.join(", ", VIDEO_EXTENSIONS.stream().sorted().toList()) + ")");
                }
                for (Path video : videos) {
                    sources.add(new IngestSource(video.toString(), streamIdForFile(path, video)));
                }
            } else {
                sources.add(new IngestSource(input, withoutExtension(path.getFileName().toString())));
            }
        }
        if (streamIdOverride != null) {
            if (sources.size() != 1) {
                throw new IllegalArgumentException("--stream-id names one stream, but the inputs hold " + sources.size());
            }
            return List.of(new IngestSource(sources.get(0).location(), streamIdOverride));
        }
        return disambiguate(sources);
    }

    /**
     * Two inputs that derive the same id (clip.mp4 and clip.ts side by side) are different streams:
     * sharing an id would make the second look already published. Both keep their extension then.
     */
    private static List<IngestSource> disambiguate(List<IngestSource> sources) {
        java.util.Map<String, Long> counts = sources.stream()
                .collect(java.util.stream.Collectors.groupingBy(IngestSource::streamId, java.util.stream.Collectors.counting()));
        List<IngestSource> unique = new ArrayList<>();
        for (IngestSource source : sources) {
            if (counts.get(source.streamId()) > 1 && !KeyframeChunker.isNetworkSource(source.location())) {
                String name = Path.of(source.location()).getFileName().toString();
                int dot = name.lastIndexOf('.');
                unique.add(new IngestSource(source.location(), source.streamId() + (dot > 0 ? name.substring(dot) : "")));
            } else {
                unique.add(source);
            }
        }
        long distinct = unique.stream().map(IngestSource::streamId).distinct().count();
        if (distinct != unique.size()) {
            throw new IllegalArgumentException("inputs name the same stream more than once: " + unique.stream()
                    .map(IngestSource::location).toList());
        }
        return unique;
    }

    private static List<Path> videosIn(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(IngestSources::isVideo).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list folder " + folder, e);
        }
    }

    private static boolean isVideo(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The path below the folder, so equally named clips in different sub-folders stay apart. */
    static String streamIdForFile(Path root, Path file) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        return withoutExtension(relative);
    }

    static String streamIdForUrl(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost() == null ? "stream" : uri.getHost();
        String port = uri.getPort() < 0 ? "" : "_" + uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath();
        return (host + port + path).replaceAll("[^A-Za-z0-9._/-]", "_").replaceAll("/+$", "");
    }

    private static String withoutExtension(String name) {
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        return dot > slash + 1 ? name.substring(0, dot) : name;
    }
}
