package io.vireo.ingest.chunk;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.nio.charset.StandardCharsets;

final class FfmpegErrors {

    private FfmpegErrors() {
    }

    /** FFmpeg's own text for an AVERROR code, e.g. "Invalid data found when processing input". */
    static String describe(int errorCode) {
        byte[] buffer = new byte[256];
        if (av_strerror(errorCode, buffer, buffer.length) < 0) {
            return "FFmpeg error " + errorCode;
        }
        int length = 0;
        while (length < buffer.length && buffer[length] != 0) {
            length++;
        }
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }
}
