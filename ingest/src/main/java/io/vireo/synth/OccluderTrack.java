package io.vireo.synth;

/** How one occluder moves during its shot; {@code length} is ignored for discs, whose radius is {@code width}. */
record OccluderTrack(boolean disc, Bounce x, Bounce y, double length, double width, double angleStartDeg,
                     double angleRateDegPerSecond, Rgb colour) {

    Occluder at(double seconds, Rgb tint) {
        OccluderShape shape = disc
                ? new OccluderShape.Disc(x.at(seconds), y.at(seconds), width)
                : OccluderShape.Bar.of(x.at(seconds), y.at(seconds), length / 2, width / 2,
                        angleStartDeg + angleRateDegPerSecond * seconds);
        return new Occluder(shape, new Rgb(colour.r() * tint.r(), colour.g() * tint.g(), colour.b() * tint.b()));
    }
}
