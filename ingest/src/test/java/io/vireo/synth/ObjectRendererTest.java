package io.vireo.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Per-factor renders: each factor changes what it should and nothing else. */
class ObjectRendererTest {

    private static final int SIZE = 128;
    private static final int GREY = 0x808080;
    private static final Light LIGHT = new Light(30, 45, Rgb.WHITE);

    @Test
    void yawTurnsTheSolidSoOtherFacesComeIntoView() {
        assertThat(facesAt(0)).containsExactlyInAnyOrder(CuboidFace.FRONT, CuboidFace.TOP);
        assertThat(facesAt(45)).containsExactlyInAnyOrder(CuboidFace.FRONT, CuboidFace.LEFT, CuboidFace.TOP);
        assertThat(facesAt(135)).containsExactlyInAnyOrder(CuboidFace.BACK, CuboidFace.LEFT, CuboidFace.TOP);
        assertThat(facesAt(270)).containsExactlyInAnyOrder(CuboidFace.RIGHT, CuboidFace.TOP);
    }

    @Test
    void silhouetteWidthFollowsTheProjectedFootprintOfTheTurningSlab() {
        ObjectInstance slab = ObjectInstance.random(ObjectClass.SLAB, new SplittableRandom(1));
        Box front = SceneSynthesizer.renderObject(slab, 0, LIGHT, 0, SIZE).truth().box();
        Box side = SceneSynthesizer.renderObject(slab, 90, LIGHT, 0, SIZE).truth().box();
        Box diagonal = SceneSynthesizer.renderObject(slab, 30, LIGHT, 0, SIZE).truth().box();

        double unit = front.w() / ObjectClass.SLAB.width();
        double tolerance = 2.0 / front.w();
        assertThat(side.w() / unit).isCloseTo(ObjectClass.SLAB.depth(), within(2.0 / unit + tolerance));
        double footprint30 = ObjectClass.SLAB.width() * Math.cos(Math.toRadians(30))
                + ObjectClass.SLAB.depth() * Math.sin(Math.toRadians(30));
        assertThat(diagonal.w() / unit).isCloseTo(footprint30, within(2.0 / unit + tolerance));
    }

    @Test
    void backOfTheObjectLooksDifferentFromItsFrontWithTheSameSilhouette() {
        ObjectInstance cube = ObjectInstance.random(ObjectClass.CUBE, new SplittableRandom(2));
        ObjectImage front = SceneSynthesizer.renderObject(cube, 0, LIGHT, 0, SIZE);
        ObjectImage back = SceneSynthesizer.renderObject(cube, 180, LIGHT, 0, SIZE);

        assertThat(back.truth().box()).isEqualTo(front.truth().box());
        assertThat(back.truth().viewpointDeg()).isCloseTo(180, within(1e-9));
        assertThat(differingShare(front, back)).as("share of object pixels that change").isGreaterThan(0.25);
    }

    @Test
    void lightDirectionAndColourChangeShadingButNotGeometry() {
        ObjectInstance pillar = ObjectInstance.random(ObjectClass.PILLAR, new SplittableRandom(3));
        ObjectImage base = SceneSynthesizer.renderObject(pillar, 20, LIGHT, 0, SIZE);
        ObjectImage turnedLight = SceneSynthesizer.renderObject(pillar, 20, LIGHT.withAzimuthDeg(-60), 0, SIZE);
        ObjectImage redLight = SceneSynthesizer.renderObject(pillar, 20, LIGHT.withColour(new Rgb(1, 0.3, 0.3)), 0, SIZE);

        for (ObjectImage varied : new ObjectImage[] {turnedLight, redLight}) {
            assertThat(varied.truth().box()).isEqualTo(base.truth().box());
            assertThat(varied.truth().silhouettePixels()).isEqualTo(base.truth().silhouettePixels());
            assertThat(varied.truth().occlusion()).isZero();
            assertThat(differingShare(base, varied)).isGreaterThan(0.2);
        }
        assertThat(redLight.truth().light().colour()).isEqualTo(new Rgb(1, 0.3, 0.3));
        assertThat(turnedLight.truth().light().azimuthDeg()).isEqualTo(-60);
    }

    @Test
    void requestedOcclusionIsAchievedAndExactByPixelCount() {
        ObjectInstance brick = ObjectInstance.random(ObjectClass.BRICK, new SplittableRandom(4));
        ObjectImage clear = SceneSynthesizer.renderObject(brick, 50, LIGHT, 0, SIZE);
        int silhouette = clear.truth().silhouettePixels();
        double oneColumn = (double) clear.truth().box().h() / silhouette;

        for (double requested : new double[] {0.1, 0.25, 0.5, 0.8}) {
            ObjectImage occluded = SceneSynthesizer.renderObject(brick, 50, LIGHT, requested, SIZE);
            int hidden = 0;
            for (int row = 0; row < SIZE; row++) {
                for (int col = 0; col < SIZE; col++) {
                    if (clear.image().rgbAt(col, row) != GREY
                            && occluded.image().rgbAt(col, row) != clear.image().rgbAt(col, row)) {
                        hidden++;
                    }
                }
            }
            assertThat(occluded.truth().box()).isEqualTo(clear.truth().box());
            assertThat(occluded.truth().occlusion()).as("requested %s", requested)
                    .isCloseTo((double) hidden / silhouette, within(1e-12))
                    .isCloseTo(requested, within(oneColumn));
        }
    }

    private static java.util.List<CuboidFace> facesAt(double yaw) {
        return new CuboidProjection(ObjectClass.BRICK, 0, 0, 10, yaw).visibleFaces().stream()
                .map(CuboidProjection.VisibleFace::face).toList();
    }

    /** Share of pixels inside either silhouette whose colour differs between the two renders. */
    private static double differingShare(ObjectImage a, ObjectImage b) {
        int object = 0;
        int differing = 0;
        for (int row = 0; row < SIZE; row++) {
            for (int col = 0; col < SIZE; col++) {
                int pa = a.image().rgbAt(col, row);
                int pb = b.image().rgbAt(col, row);
                if (pa != GREY || pb != GREY) {
                    object++;
                    if (pa != pb) {
                        differing++;
                    }
                }
            }
        }
        return (double) differing / object;
    }
}
