package io.vireo.synth;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One concrete object: its class plus the per-instance appearance. Rendering an instance is a pure
 * function of this record, the viewpoint and the light, which is what makes per-factor image sets possible.
 *
 * @param objectClass     category (shape and pattern)
 * @param baseColour      colour under the pattern on every face
 * @param faceAccents     accent colour per face, indexed like {@link CuboidFace}; distinct per face so a
 *                        change of viewpoint changes what is seen, not only the silhouette
 * @param patternFrequency pattern repetitions per object unit
 * @param textureSeed     seed of the noise pattern
 */
public record ObjectInstance(ObjectClass objectClass, Rgb baseColour, List<Rgb> faceAccents,
                             double patternFrequency, long textureSeed) {

    /** Lowest albedo channel: with the white ambient term, no lit surface renders as pure black. */
    static final double MIN_ALBEDO = 0.12;

    public ObjectInstance {
        Objects.requireNonNull(objectClass, "objectClass");
        Objects.requireNonNull(baseColour, "baseColour");
        faceAccents = List.copyOf(Objects.requireNonNull(faceAccents, "faceAccents"));
        if (faceAccents.size() != CuboidFace.values().length) {
            throw new IllegalArgumentException("faceAccents must have " + CuboidFace.values().length
                    + " colours (one per face), got " + faceAccents.size());
        }
        if (!(patternFrequency > 0 && patternFrequency < 100)) {
            throw new IllegalArgumentException("patternFrequency must be in (0, 100), got " + patternFrequency);
        }
    }

    /** A random instance of {@code objectClass}: a base hue and face accents spread around the colour wheel. */
    public static ObjectInstance random(ObjectClass objectClass, SplittableRandom random) {
        double hue = random.nextDouble(360);
        Rgb base = Rgb.fromHsv(hue, random.nextDouble(0.35, 0.8), random.nextDouble(0.6, 1.0));
        double accentStart = hue + random.nextDouble(60, 120);
        Rgb[] accents = new Rgb[CuboidFace.values().length];
        for (int face = 0; face < accents.length; face++) {
            // Spread accents around the wheel and alternate brightness so opposite faces differ clearly.
            double accentHue = accentStart + face * 360.0 / accents.length + random.nextDouble(-15, 15);
            double value = face % 2 == 0 ? random.nextDouble(0.75, 1.0) : random.nextDouble(0.35, 0.6);
            accents[face] = Rgb.fromHsv(accentHue, random.nextDouble(0.55, 0.95), value);
        }
        return new ObjectInstance(objectClass, base, List.of(accents), 4 * random.nextDouble(0.8, 1.25), random.nextLong());
    }

    /** Albedo of {@code face} at face-centred coordinates (u, v) in object units. */
    Rgb albedo(CuboidFace face, double u, double v) {
        double w = objectClass.pattern().accentWeight(u, v, patternFrequency, textureSeed + face.ordinal());
        return baseColour.lerp(faceAccents.get(face.ordinal()), w).withFloor(MIN_ALBEDO);
    }
}
