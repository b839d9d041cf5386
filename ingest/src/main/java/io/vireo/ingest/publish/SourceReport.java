package io.vireo.ingest.publish;

/**
 * What happened to one source.
 *
 * @param published      chunks sent and acknowledged in this run
 * @param alreadyPresent chunks skipped because an earlier run had published them
 * @param mediaSeconds   seconds of video in the chunks published in this run
 * @param damage         the source was read only in part: why, and how far (the part before is published)
 * @param error          the source failed: why (nothing more of it is published)
 */
public record SourceReport(IngestSource source, long published, long alreadyPresent, long frames, long bytes,
                           double mediaSeconds, String damage, String error) {

    public boolean ok() {
        return damage == null && error == null;
    }

    static SourceReport failed(IngestSource source, String error) {
        return new SourceReport(source, 0, 0, 0, 0, 0, null, error);
    }
}
