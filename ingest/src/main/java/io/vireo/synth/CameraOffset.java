package io.vireo.synth;

/**
 * How far the camera has panned since the start of its shot, in pixels: world point (X, Y) appears at
 * screen (X - x, Y - y). Resets at every shot cut.
 */
public record CameraOffset(double x, double y) {

    public static final CameraOffset ZERO = new CameraOffset(0, 0);
}
