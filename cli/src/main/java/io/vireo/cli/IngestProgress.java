package io.vireo.cli;

import io.vireo.ingest.chunk.SourceProbe;
import io.vireo.ingest.publish.IngestListener;
import io.vireo.ingest.publish.IngestSource;
import io.vireo.ingest.publish.SourceReport;
import io.vireo.ingest.record.VideoChunk;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A bar per source: seconds of video for files (known duration), an open-ended count for live streams. */
final class IngestProgress implements IngestListener {

    private ProgressBar bar;

    @Override
    public void sourceStarted(IngestSource source, SourceProbe probe) {
        close();
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(source.streamId())
                .setInitialMax(probe.bounded() ? Math.max(1, probe.durationMicros() / 100_000) : -1)
                .setUnit(" s", 10)
                .setStyle(ProgressBarStyle.ASCII)
                .continuousUpdate();
        // A live stream has no end to measure against: show how fast video arrives instead
        // (seconds of video per second, ~1 for a real-time source).
        bar = (probe.bounded() ? builder : builder.showSpeed()).build();
    }

    @Override
    public void chunkHandled(IngestSource source, VideoChunk chunk, boolean published, long positionMicros) {
        if (bar != null) {
            bar.stepTo(positionMicros / 100_000);
            bar.setExtraMessage(" chunk " + chunk.sequence() + (published ? "" : " (already in topic)"));
        }
    }

    @Override
    public void sourceFinished(SourceReport report) {
        if (bar != null && report.ok() && bar.getMax() > 0) {
            bar.stepTo(bar.getMax());
        }
        close();
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
