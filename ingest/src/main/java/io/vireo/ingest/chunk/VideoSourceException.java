package io.vireo.ingest.chunk;

/** A video source that cannot be read (not a video, unreachable, damaged). The message names the source. */
public class VideoSourceException extends Exception {

    private final String source;

    public VideoSourceException(String source, String cause) {
        super(source + ": " + cause);
        this.source = source;
    }

    public VideoSourceException(String source, String cause, Throwable throwable) {
        super(source + ": " + cause, throwable);
        this.source = source;
    }

    public String source() {
        return source;
    }
}
