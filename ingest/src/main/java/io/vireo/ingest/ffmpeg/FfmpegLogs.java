package io.vireo.ingest.ffmpeg;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * FFmpeg's own console output, for the FFmpeg libraries Vireo calls in-process. Kept out of the
 * user's output (e.g. "moov atom not found", format dumps): the same causes reach the user through
 * Vireo's error messages. {@code -Dvireo.ffmpeg.loglevel=40} (AV_LOG_INFO) brings it back for
 * debugging.
 */
public final class FfmpegLogs {

    private FfmpegLogs() {
    }

    /** Sets the level; idempotent, cheap, safe to call from every class that uses the libraries. */
    public static void quiet() {
        avutil.av_log_set_level(Integer.getInteger("vireo.ffmpeg.loglevel", avutil.AV_LOG_FATAL));
    }
}
