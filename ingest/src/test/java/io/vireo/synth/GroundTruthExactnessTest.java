package io.vireo.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ground truth against pixel counts of independent renders: boxes, occlusion, determinism. */
class GroundTruthExactnessTest {

    private static final int MARGIN = 200;

    @Test
    void boxIsTheBoundingBoxOfTheObjectPixelsOnAPlainBackground() {
        SynthConfig config = SynthConfig.builder().width(160).height(120).frames(60).seed(11)
                .objectsPerShot(1).occludersPerShot(0).meanShotSeconds(0.8).plainBackground(true).build();

        SynthVideo video = SceneSynthesizer.render(config);

        int framesWithObject = 0;
        for (FrameTruth frame : video.truth().frames()) {
            RgbImage image = video.frames().get(frame.index());
            Box pixelBox = Pixels.boxOfPixelsOtherThan(image, 0x000000);
            if (frame.objects().isEmpty()) {
                assertThat(pixelBox).as("frame %d has no object in truth", frame.index()).isNull();
                continue;
            }
            framesWithObject++;
            ObjectTruth object = frame.objects().get(0);
            assertThat(object.box()).as("box of frame %d", frame.index()).isEqualTo(pixelBox);
            assertThat(object.visiblePixels()).as("visible pixels of frame %d", frame.index())
                    .isEqualTo(Pixels.countNonBlack(image));
        }
        assertThat(framesWithObject).isEqualTo(config.frames());
    }

    /**
     * For every object: its silhouette is counted on a render of it alone on a canvas wide enough to hold
     * what the frame border cuts off, and its hidden pixels are those where the full frame differs from
     * the render of the object alone.
     */
    @Test
    void occlusionAndBoxesMatchPixelCountsOfRendersWithAndWithoutOccluders() {
        SynthConfig config = SynthConfig.builder().width(160).height(120).frames(60).seed(5)
                .objectsPerShot(4).occludersPerShot(4).meanShotSeconds(0.8).plainBackground(true).build();
        SceneScript script = ScenePlanner.plan(config);

        int hiddenByShapes = 0;
        int cutByBorder = 0;
        int checked = 0;
        for (int frame = 0; frame < config.frames(); frame += 3) {
            SceneState state = script.stateAt(frame);
            RgbImage full = FrameRenderer.render(state).image();
            for (ObjectTruth truth : script.render(frame).truth().objects()) {
                ObjectPose pose = state.objects().stream().filter(p -> p.id() == truth.id()).findFirst().orElseThrow();
                SceneState alone = state.withObjects(List.of(pose)).withOccluders(List.of());
                RgbImage isolated = FrameRenderer.render(alone).image();
                RgbImage wide = FrameRenderer.render(alone.withMargin(MARGIN)).image();
                assertThat(Pixels.boxOfPixelsOtherThan(wide, 0)).as("margin holds the whole silhouette").isNotNull()
                        .satisfies(b -> assertThat(b.x() > 0 && b.y() > 0 && b.right() < wide.width()
                                && b.bottom() < wide.height()).isTrue());

                int silhouette = Pixels.countNonBlack(wide);
                int inFrame = Pixels.countNonBlack(isolated);
                int hidden = 0;
                for (int row = 0; row < isolated.height(); row++) {
                    for (int col = 0; col < isolated.width(); col++) {
                        if (!Pixels.isBlack(isolated, col, row) && full.rgbAt(col, row) != isolated.rgbAt(col, row)) {
                            hidden++;
                        }
                    }
                }
                int visible = inFrame - hidden;
                String what = "object " + truth.id() + " in frame " + frame;
                assertThat(truth.box()).as(what).isEqualTo(Pixels.boxOfPixelsOtherThan(isolated, 0));
                assertThat(truth.silhouettePixels()).as(what).isEqualTo(silhouette);
                assertThat(truth.visiblePixels()).as(what).isEqualTo(visible);
                assertThat(truth.occlusion()).as(what).isCloseTo(1.0 - (double) visible / silhouette, within(1e-12));
                hiddenByShapes += hidden > 0 ? 1 : 0;
                cutByBorder += silhouette > inFrame ? 1 : 0;
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(hiddenByShapes).as("objects hidden in part by occluders or other objects").isGreaterThan(5);
        assertThat(cutByBorder).as("objects cut by the frame border").isGreaterThan(0);
    }

    @Test
    void sameSeedGivesIdenticalTruthAndFramesAndAnotherSeedDoesNot() {
        SynthConfig config = SynthConfig.builder().width(160).height(120).frames(40).seed(42).meanShotSeconds(0.6).build();

        SynthVideo first = SceneSynthesizer.render(config);
        SynthVideo second = SceneSynthesizer.render(config);
        SynthVideo other = SceneSynthesizer.render(config.toBuilder().seed(43).build());

        assertThat(second.truth()).isEqualTo(first.truth());
        assertThat(second.frames()).isEqualTo(first.frames());
        assertThat(SceneSynthesizer.renderFrame(config, 29))
                .as("a frame rendered alone equals the same frame rendered in sequence")
                .isEqualTo(new SynthFrame(first.frames().get(29), first.truth().frames().get(29)));
        assertThat(other.truth().frames()).isNotEqualTo(first.truth().frames());
        assertThat(other.frames().get(0)).isNotEqualTo(first.frames().get(0));
    }

    @Test
    void objectInstancesNameTheAppearanceOfEveryObjectInTheTruth() {
        SynthConfig config = SynthConfig.builder().width(160).height(120).frames(30).seed(3).meanShotSeconds(0.5).build();

        SynthVideo video = SceneSynthesizer.render(config);
        Map<Integer, ObjectInstance> instances = SceneSynthesizer.objectInstances(config);

        for (FrameTruth frame : video.truth().frames()) {
            for (ObjectTruth object : frame.objects()) {
                assertThat(instances).containsKey(object.id());
                assertThat(instances.get(object.id()).objectClass().label()).isEqualTo(object.className());
                assertThat(video.truth().classes().get(object.classId())).isEqualTo(object.className());
            }
        }
    }
}
