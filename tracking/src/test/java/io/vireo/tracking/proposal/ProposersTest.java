package io.vireo.tracking.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;

import io.vireo.tracking.geometry.Box;
import io.vireo.tracking.testing.SyntheticScene;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProposersTest {

    private static final Box SQUARE_OBJECT = Box.of(40, 50, 56, 56);
    private static final Box WIDE_OBJECT = Box.of(190, 140, 80, 48);

    private static Mat background;
    private static Mat twoObjects;

    @BeforeAll
    static void drawScene() {
        background = SyntheticScene.background(SyntheticScene.WIDTH, SyntheticScene.HEIGHT, 5);
        try (Mat square = SyntheticScene.object(56, 56, 8, 6); Mat wide = SyntheticScene.object(80, 48, 8, 7)) {
            twoObjects = SyntheticScene.compose(background, List.of(square, wide), List.of(SQUARE_OBJECT, WIDE_OBJECT));
        }
    }

    @AfterAll
    static void release() {
        twoObjects.close();
        background.close();
    }

    @Test
    void edgeProposalsIncludeBothObjects() {
        List<Proposal> proposals = new EdgeDensityProposer(ProposalConfig.defaults()).propose(twoObjects);

        System.out.println("edge proposals: " + proposals);
        assertThat(bestIou(proposals, SQUARE_OBJECT)).isGreaterThanOrEqualTo(0.5);
        assertThat(bestIou(proposals, WIDE_OBJECT)).isGreaterThanOrEqualTo(0.5);
        assertThat(proposals).allSatisfy(p -> assertThat(p.source()).isEqualTo(EdgeDensityProposer.NAME));
    }

    @Test
    void edgeProposalsRespectSizeShapeCountAndOverlapLimits() {
        ProposalConfig config = ProposalConfig.defaults()
                .withMinSide(30).withMaxAspectRatio(1.4).withMaxAreaFraction(0.2).withMaxProposals(3).withNmsIou(0.3);

        List<Proposal> proposals = new EdgeDensityProposer(config).propose(twoObjects);

        assertThat(proposals).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        for (Proposal p : proposals) {
            assertThat(p.box().shortSide()).isGreaterThanOrEqualTo(30);
            assertThat(p.box().elongation()).isLessThanOrEqualTo(1.4);
            assertThat((double) p.box().area()).isLessThanOrEqualTo(0.2 * SyntheticScene.WIDTH * SyntheticScene.HEIGHT);
            assertThat(p.box().isInside(SyntheticScene.WIDTH, SyntheticScene.HEIGHT)).isTrue();
            for (Proposal q : proposals) {
                if (p != q) {
                    assertThat(p.box().iou(q.box())).isLessThanOrEqualTo(0.3);
                }
            }
        }
        // The 80x48 object is 1.67:1, beyond the 1.4 limit; the square one still qualifies.
        assertThat(bestIou(proposals, SQUARE_OBJECT)).isGreaterThanOrEqualTo(0.5);
        assertThat(proposals).allSatisfy(p -> assertThat(p.box().iou(WIDE_OBJECT)).isLessThan(0.9));
        for (int i = 1; i < proposals.size(); i++) {
            assertThat(proposals.get(i).score()).isLessThanOrEqualTo(proposals.get(i - 1).score());
        }
    }

    /**
     * A flat disc is an outline and nothing inside: the texture check drops it (and a box around
     * it next to the textured object), while with the check off the disc is proposed.
     */
    @Test
    void edgeProposalsSkipRegionsThatAreFlatInside() {
        Box disc = Box.of(200, 60, 50, 50);
        try (Mat scene = twoObjects.clone();
                Point centre = new Point(225, 85);
                Scalar pink = new Scalar(200, 170, 230, 0)) {
            circle(scene, centre, 25, pink, FILLED, LINE_8, 0);

            List<Proposal> checked = new EdgeDensityProposer(ProposalConfig.defaults()).propose(scene);
            List<Proposal> unchecked = new EdgeDensityProposer(ProposalConfig.defaults().withMinTexturedShare(0))
                    .propose(scene);

            System.out.println("textured-only proposals: " + checked + "; all: " + unchecked);
            assertThat(bestIou(unchecked, disc)).isGreaterThanOrEqualTo(0.7);
            assertThat(checked).allSatisfy(p -> assertThat(p.box().iou(disc)).isLessThan(0.3));
            assertThat(bestIou(checked, SQUARE_OBJECT)).isGreaterThanOrEqualTo(0.5);
            assertThat(bestIou(checked, WIDE_OBJECT)).isGreaterThanOrEqualTo(0.5);
        }
    }

    @Test
    void motionProposalFindsTheObjectThatMoved() {
        Box before = Box.of(100, 80, 48, 48);
        Box after = before.translated(5, 3);
        try (Mat object = SyntheticScene.object(48, 48, 8, 9);
                Mat previous = SyntheticScene.compose(background, List.of(object), List.of(before));
                Mat current = SyntheticScene.compose(background, List.of(object), List.of(after))) {
            MotionProposer proposer = new MotionProposer(ProposalConfig.defaults());

            List<Proposal> proposals = proposer.propose(previous, current);

            System.out.println("motion proposals: " + proposals);
            assertThat(proposals).isNotEmpty();
            assertThat(proposals.get(0).box().iou(after)).isGreaterThanOrEqualTo(0.7);
            assertThat(proposer.propose(current)).isEmpty();
            assertThat(proposer.propose(current, current)).isEmpty();
        }
    }

    @Test
    void combinedProposerMergesEdgesAndMotion() {
        Box before = Box.of(100, 80, 48, 48);
        try (Mat object = SyntheticScene.object(48, 48, 8, 9);
                Mat previous = SyntheticScene.compose(background, List.of(object), List.of(before));
                Mat current = SyntheticScene.compose(background, List.of(object), List.of(before.translated(5, 3)))) {
            List<Proposal> proposals = CombinedProposer.edgesAndMotion(ProposalConfig.defaults()).propose(previous, current);

            assertThat(proposals).hasSizeLessThanOrEqualTo(ProposalConfig.defaults().maxProposals());
            assertThat(bestIou(proposals, before.translated(5, 3))).isGreaterThanOrEqualTo(0.5);
        }
    }

    @Test
    void nonMaximumSuppressionKeepsTheBestOfOverlappingBoxes() {
        Proposal best = new Proposal(Box.of(0, 0, 10, 10), 0.9, "t");
        Proposal overlapping = new Proposal(Box.of(1, 1, 10, 10), 0.8, "t");
        Proposal apart = new Proposal(Box.of(50, 50, 10, 10), 0.1, "t");

        assertThat(NonMaximumSuppression.apply(List.of(apart, overlapping, best), 0.5, 10)).containsExactly(best, apart);
        assertThat(NonMaximumSuppression.apply(List.of(apart, overlapping, best), 0.5, 1)).containsExactly(best);
    }

    @Test
    void configErrorsNameTheField() {
        ProposalConfig d = ProposalConfig.defaults();
        assertThatThrownBy(() -> d.withMaxProposals(0)).hasMessageContaining("maxProposals");
        assertThatThrownBy(() -> d.withMinSide(0)).hasMessageContaining("minSide");
        assertThatThrownBy(() -> d.withMaxAreaFraction(1.5)).hasMessageContaining("maxAreaFraction");
        assertThatThrownBy(() -> d.withMaxAspectRatio(0.5)).hasMessageContaining("maxAspectRatio");
        assertThatThrownBy(() -> d.withNmsIou(0)).hasMessageContaining("nmsIou");
        assertThatThrownBy(() -> d.withCannyThresholds(-1, 10)).hasMessageContaining("cannyLow");
        assertThatThrownBy(() -> d.withCannyThresholds(100, 50)).hasMessageContaining("cannyHigh");
        assertThatThrownBy(() -> d.withMotionThreshold(256)).hasMessageContaining("motionThreshold");
        assertThatThrownBy(() -> d.withMinTexturedShare(1.5)).hasMessageContaining("minTexturedShare");
    }

    @Test
    void rejectsFramesThatAreNotBgr() {
        try (Mat gray = new Mat(10, 10, org.bytedeco.opencv.global.opencv_core.CV_8UC1)) {
            assertThatThrownBy(() -> new EdgeDensityProposer(ProposalConfig.defaults()).propose(gray))
                    .hasMessageContaining("frame").hasMessageContaining("BGR");
        }
    }

    private static double bestIou(List<Proposal> proposals, Box truth) {
        return proposals.stream().mapToDouble(p -> p.box().iou(truth)).max().orElse(0);
    }
}
