package io.vireo.ingest.publish;

import java.util.List;
import java.util.Locale;

/** The outcome of one ingest run across its sources. */
public record IngestReport(List<SourceReport> sources) {

    public IngestReport {
        sources = List.copyOf(sources);
    }

    public boolean ok() {
        return sources.stream().allMatch(SourceReport::ok);
    }

    public long published() {
        return sources.stream().mapToLong(SourceReport::published).sum();
    }

    public long alreadyPresent() {
        return sources.stream().mapToLong(SourceReport::alreadyPresent).sum();
    }

    public long bytes() {
        return sources.stream().mapToLong(SourceReport::bytes).sum();
    }

    public long frames() {
        return sources.stream().mapToLong(SourceReport::frames).sum();
    }

    public double mediaSeconds() {
        return sources.stream().mapToDouble(SourceReport::mediaSeconds).sum();
    }

    /** One line per problem source, then the totals. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        for (SourceReport source : sources) {
            if (source.error() != null) {
                text.append("FAILED  ").append(source.error()).append('\n');
            } else if (source.damage() != null) {
                text.append(String.format(Locale.ROOT, "PARTIAL %s: %s; published %d chunks (%.1f s) before it%n",
                        source.source().location(), source.damage(), source.published(), source.mediaSeconds()));
            }
        }
        long failed = sources.stream().filter(s -> !s.ok()).count();
        text.append(String.format(Locale.ROOT,
                "%d streams (%d with problems): %d chunks published, %d already present, %.1f MB, %d frames, %.1f s of video",
                sources.size(), failed, published(), alreadyPresent(), bytes() / 1e6, frames(), mediaSeconds()));
        return text.toString();
    }
}
