package io.vireo.ingest.chunk;

/**
 * What the container says about a source's video stream before any packet is read.
 *
 * @param durationMicros total duration, or -1 when unknown (live streams)
 */
public record SourceProbe(String codec, int width, int height, double frameRate, int rotationDegrees, long durationMicros) {

    public boolean bounded() {
        return durationMicros > 0;
    }
}
