package io.vireo.synth;

/**
 * A flat shape in front of every object, in world pixel coordinates (the renderer subtracts the camera
 * offset). Pixel membership is decided at pixel centres, like object silhouettes.
 */
sealed interface OccluderShape permits OccluderShape.Bar, OccluderShape.Disc, OccluderShape.Curtain {

    /** True if the centre of pixel (col, row), in screen space with camera offset (camX, camY), is covered. */
    boolean covers(int col, int row, double camX, double camY);

    /** Radius around the shape's centre that contains it; lets the renderer skip far pixels. */
    double reach();

    /** World x of the shape's centre. */
    double centerX();

    /** World y of the shape's centre. */
    double centerY();

    /** A rotated rectangle: a pole or plank sweeping through the scene. */
    record Bar(double centerX, double centerY, double halfLength, double halfWidth, double cos, double sin)
            implements OccluderShape {

        static Bar of(double centerX, double centerY, double halfLength, double halfWidth, double angleDeg) {
            double rad = Math.toRadians(angleDeg);
            return new Bar(centerX, centerY, halfLength, halfWidth, Math.cos(rad), Math.sin(rad));
        }

        @Override
        public boolean covers(int col, int row, double camX, double camY) {
            double dx = col + 0.5 + camX - centerX;
            double dy = row + 0.5 + camY - centerY;
            double along = dx * cos + dy * sin;
            double across = -dx * sin + dy * cos;
            return Math.abs(along) <= halfLength && Math.abs(across) <= halfWidth;
        }

        @Override
        public double reach() {
            return Math.hypot(halfLength, halfWidth);
        }
    }

    record Disc(double centerX, double centerY, double radius) implements OccluderShape {
        @Override
        public boolean covers(int col, int row, double camX, double camY) {
            double dx = col + 0.5 + camX - centerX;
            double dy = row + 0.5 + camY - centerY;
            return dx * dx + dy * dy <= radius * radius;
        }

        @Override
        public double reach() {
            return radius;
        }
    }

    /**
     * Every pixel with column below {@code endCol}, in screen space: a screen sliding in from the left.
     * Used for object images with a requested occlusion, where whole pixel columns give exact control.
     */
    record Curtain(int endCol) implements OccluderShape {
        @Override
        public boolean covers(int col, int row, double camX, double camY) {
            return col < endCol;
        }

        // Screen-anchored and unbounded vertically: report a reach that makes the renderer test every pixel.
        @Override
        public double reach() {
            return Double.POSITIVE_INFINITY;
        }

        @Override
        public double centerX() {
            return 0;
        }

        @Override
        public double centerY() {
            return 0;
        }
    }
}
