package io.vireo.synth;

import java.util.Objects;

/**
 * A directional light in world coordinates (X right, Y up, Z toward the camera).
 *
 * @param azimuthDeg   rotation of the light direction about the vertical axis; 0 = from the camera side, 90 = from the right
 * @param elevationDeg height of the light above the horizon, in (-90, 90]
 * @param colour       colour of the diffuse term; the ambient term is always white so the object never goes black
 */
public record Light(double azimuthDeg, double elevationDeg, Rgb colour) {

    public Light {
        Objects.requireNonNull(colour, "colour");
        if (!Double.isFinite(azimuthDeg)) {
            throw new IllegalArgumentException("azimuthDeg must be finite, got " + azimuthDeg);
        }
        if (!(elevationDeg > -90 && elevationDeg <= 90)) {
            throw new IllegalArgumentException("elevationDeg must be in (-90, 90], got " + elevationDeg);
        }
    }

    public static Light frontalWhite() {
        return new Light(30, 45, Rgb.WHITE);
    }

    public Light withAzimuthDeg(double azimuth) {
        return new Light(azimuth, elevationDeg, colour);
    }

    public Light withElevationDeg(double elevation) {
        return new Light(azimuthDeg, elevation, colour);
    }

    public Light withColour(Rgb newColour) {
        return new Light(azimuthDeg, elevationDeg, newColour);
    }

    /** Unit vector pointing from the surface toward the light. */
    Vec3 direction() {
        double az = Math.toRadians(azimuthDeg);
        double el = Math.toRadians(elevationDeg);
        return new Vec3(Math.cos(el) * Math.sin(az), Math.sin(el), Math.cos(el) * Math.cos(az));
    }
}
