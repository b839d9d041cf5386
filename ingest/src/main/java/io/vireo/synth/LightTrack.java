package io.vireo.synth;

/** The light during a shot: the direction circles, the elevation oscillates, the colour blends over the shot. */
record LightTrack(double azimuthStartDeg, double azimuthRateDegPerSecond, double elevationMeanDeg,
                  double elevationSwingDeg, double elevationPeriodSeconds, Rgb colourStart, Rgb colourEnd,
                  double shotSeconds) {

    Light at(double seconds) {
        double elevation = elevationMeanDeg
                + elevationSwingDeg * Math.sin(2 * Math.PI * seconds / elevationPeriodSeconds);
        double blend = shotSeconds > 0 ? Math.min(1, seconds / shotSeconds) : 0;
        return new Light(FrameRenderer.normalizeDegrees(azimuthStartDeg + azimuthRateDegPerSecond * seconds),
                elevation, colourStart.lerp(colourEnd, blend));
    }
}
