package io.vireo.flink.testing;

import io.vireo.flink.record.DecodedFrame;
import io.vireo.flink.record.ShotFrame;

/** Decoded frames painted in Java for operator tests that need no codec. */
public final class TestFrames {

    /** Colour of pixel (x, y) as 0xRRGGBB. */
    @FunctionalInterface
    public interface Painter {
        int rgb(int x, int y);
    }

    private TestFrames() {
    }

    public static DecodedFrame frame(String stream, long index, long ptsMicros, int width, int height, Painter painter) {
        byte[] bgr = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = painter.rgb(x, y);
                int i = (y * width + x) * 3;
                bgr[i] = (byte) rgb;
                bgr[i + 1] = (byte) (rgb >> 8);
                bgr[i + 2] = (byte) (rgb >> 16);
            }
        }
        return new DecodedFrame(stream, 0, index, ptsMicros, width, height, bgr);
    }

    /**
     * Scene A at time {@code t} (frames): a warm diagonal gradient panning right by {@code pan}
     * pixels per frame, with a white square moving right by {@code speed} pixels per frame.
     */
    public static Painter sceneA(long t, int pan, int speed) {
        return (x, y) -> {
            int sx = (int) (30 + (t * speed) % 200);
            if (x >= sx && x < sx + 24 && y >= 40 && y < 64) {
                return 0xffffff;
            }
            int g = (int) ((x + y + t * pan) % 256);
            return (200 << 16) | (g << 8) | (g / 3);
        };
    }

    /** Scene B: cold vertical stripes with a dark disc; nothing in common with scene A. */
    public static Painter sceneB(long t) {
        return (x, y) -> {
            int dx = x - 100 - (int) t;
            int dy = y - 60;
            if (dx * dx + dy * dy < 400) {
                return 0x101010;
            }
            return ((x / 8) % 2 == 0) ? 0x2050c0 : 0x40a0ff;
        };
    }

    public static ShotFrame shotFrame(DecodedFrame frame, long shot) {
        return new ShotFrame(frame, shot);
    }
}
