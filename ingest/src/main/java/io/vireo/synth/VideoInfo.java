package io.vireo.synth;

/**
 * What was encoded.
 *
 * @param mp4File file name of the MP4, relative to the sidecar; null for in-memory renders
 * @param tsFile  file name of the MPEG-TS, relative to the sidecar; null for in-memory renders
 */
public record VideoInfo(int width, int height, double fps, int frameCount, int gopFrames, String codec,
                        String pixelFormat, String mp4File, String tsFile) {

    VideoInfo withFiles(String mp4, String ts) {
        return new VideoInfo(width, height, fps, frameCount, gopFrames, codec, pixelFormat, mp4, ts);
    }
}
