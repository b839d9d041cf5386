package io.vireo.synth;

/**
 * What to generate. Validated on construction; every error names the offending field.
 *
 * @param width            frame width in pixels, even (yuv420p), at least 32
 * @param height           frame height in pixels, even, at least 32
 * @param fps              frames per second, in (0, 240]
 * @param frames           number of frames, > 0
 * @param seed             every random choice derives from it
 * @param objectsPerShot   objects in each shot, 0..16
 * @param occludersPerShot bars and discs passing in front of the objects in each shot, 0..16
 * @param meanShotSeconds  mean shot length; actual lengths vary by +-30 %
 * @param gopFrames        maximum keyframe interval of the encoded video (shot cuts add keyframes)
 * @param cameraMotion     whether the camera pans within a shot
 * @param plainBackground  black, untextured, unlit backdrop: makes object pixels countable in tests
 * @param videoBitrate     H.264 bitrate handed to the encoder, in bits per second. libopenh264 can only hold
 *                         a bitrate by skipping frames, which stays off (a skipped frame would shift every
 *                         later ground-truth index), so in practice this is a quality hint
 */
public record SynthConfig(int width, int height, double fps, int frames, long seed, int objectsPerShot,
                          int occludersPerShot, double meanShotSeconds, int gopFrames, boolean cameraMotion,
                          boolean plainBackground, int videoBitrate) {

    public SynthConfig {
        if (width < 32 || width % 2 != 0) {
            throw new IllegalArgumentException("width must be even and >= 32, got " + width);
        }
        if (height < 32 || height % 2 != 0) {
            throw new IllegalArgumentException("height must be even and >= 32, got " + height);
        }
        if (!(fps > 0 && fps <= 240)) {
            throw new IllegalArgumentException("fps must be in (0, 240], got " + fps);
        }
        if (frames <= 0) {
            throw new IllegalArgumentException("frames must be > 0, got " + frames);
        }
        if (objectsPerShot < 0 || objectsPerShot > 16) {
            throw new IllegalArgumentException("objectsPerShot must be in [0, 16], got " + objectsPerShot);
        }
        if (occludersPerShot < 0 || occludersPerShot > 16) {
            throw new IllegalArgumentException("occludersPerShot must be in [0, 16], got " + occludersPerShot);
        }
        if (!(meanShotSeconds > 0) || Double.isInfinite(meanShotSeconds)) {
            throw new IllegalArgumentException("meanShotSeconds must be > 0 and finite, got " + meanShotSeconds);
        }
        if (gopFrames <= 0) {
            throw new IllegalArgumentException("gopFrames must be > 0, got " + gopFrames);
        }
        if (videoBitrate <= 0) {
            throw new IllegalArgumentException("videoBitrate must be > 0, got " + videoBitrate);
        }
    }

    /** 320x240, 25 fps, 10 s, 3 objects and 2 occluders per shot, 2.5 s shots, 1 s GOP. */
    public static SynthConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().width(width).height(height).fps(fps).frames(frames).seed(seed)
                .objectsPerShot(objectsPerShot).occludersPerShot(occludersPerShot).meanShotSeconds(meanShotSeconds)
                .gopFrames(gopFrames).cameraMotion(cameraMotion).plainBackground(plainBackground)
                .videoBitrate(videoBitrate);
    }

    public double durationSeconds() {
        return frames / fps;
    }

    /** Mutable companion of the record; unset GOP and bitrate follow fps and frame size. */
    public static final class Builder {
        private int width = 320;
        private int height = 240;
        private double fps = 25;
        private int frames = 250;
        private long seed = 1;
        private int objectsPerShot = 3;
        private int occludersPerShot = 2;
        private double meanShotSeconds = 2.5;
        private Integer gopFrames;
        private boolean cameraMotion = true;
        private boolean plainBackground;
        private Integer videoBitrate;

        private Builder() {
        }

        public Builder width(int v) { width = v; return this; }
        public Builder height(int v) { height = v; return this; }
        public Builder fps(double v) { fps = v; return this; }
        public Builder frames(int v) { frames = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder objectsPerShot(int v) { objectsPerShot = v; return this; }
        public Builder occludersPerShot(int v) { occludersPerShot = v; return this; }
        public Builder meanShotSeconds(double v) { meanShotSeconds = v; return this; }
        public Builder gopFrames(int v) { gopFrames = v; return this; }
        public Builder cameraMotion(boolean v) { cameraMotion = v; return this; }
        public Builder plainBackground(boolean v) { plainBackground = v; return this; }
        public Builder videoBitrate(int v) { videoBitrate = v; return this; }

        /** Sets frames from a duration at the current fps. */
        public Builder seconds(double seconds) {
            frames = (int) Math.round(seconds * fps);
            return this;
        }

        public SynthConfig build() {
            int gop = gopFrames != null ? gopFrames : Math.max(1, (int) Math.round(fps));
            // ~2 bits per pixel per frame: hard-edged synthetic textures need far more than natural video
            // to stay above 30 dB PSNR with the baseline-profile encoder.
            int bitrate = videoBitrate != null ? videoBitrate
                    : (int) Math.min(Integer.MAX_VALUE, Math.round(width * (double) height * fps * 2.0));
            return new SynthConfig(width, height, fps, frames, seed, objectsPerShot, occludersPerShot,
                    meanShotSeconds, gop, cameraMotion, plainBackground, bitrate);
        }
    }
}
