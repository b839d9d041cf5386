package io.vireo.flink.decode;

/** Operations on packed, unpadded 8-bit BGR images ({@code width * height * 3} bytes, row-major). */
public final class BgrImages {

    private BgrImages() {
    }

    /** {@code degrees} normalised to 0, 90, 180 or 270; any multiple of 90 is accepted, negative ones too. */
    public static int normalizeRotation(int degrees) {
        if (degrees % 90 != 0) {
            throw new IllegalArgumentException("rotation must be a multiple of 90 degrees, got " + degrees);
        }
        return ((degrees % 360) + 360) % 360;
    }

    /**
     * Rotates clockwise by {@code degrees} (a multiple of 90), the sense of FFmpeg's display
     * rotation: the chunk says how the decoded picture must be turned to be seen upright.
     * Returns {@code src} itself for 0; 90 and 270 swap width and height.
     */
    public static byte[] rotateClockwise(byte[] src, int width, int height, int degrees) {
        int turn = normalizeRotation(degrees);
        if (turn == 0) {
            return src;
        }
        byte[] dst = new byte[src.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int dx;
                int dy;
                int dstWidth;
                switch (turn) {
                    case 90 -> { dx = height - 1 - y; dy = x; dstWidth = height; }
                    case 180 -> { dx = width - 1 - x; dy = height - 1 - y; dstWidth = width; }
                    default -> { dx = y; dy = width - 1 - x; dstWidth = height; }
                }
                int s = (y * width + x) * 3;
                int d = (dy * dstWidth + dx) * 3;
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
            }
        }
        return dst;
    }
}
