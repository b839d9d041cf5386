package io.vireo.tracking.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vireo.tracking.geometry.Box;
import io.vireo.tracking.testing.SyntheticScene;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrackVerifierTest {

    private final TrackVerifier verifier = new TrackVerifier(TrackingPolicy.defaults());

    @Test
    void acceptsAGoodTrackWithBoxesOnEveryFrame() {
        try (SyntheticScene.Clip clip = SyntheticScene.movingObject(16, 21)) {
            TrackOutcome outcome = verifier.track(clip.frames(), clip.boxes().get(0), TrackerKind.CSRT);

            assertThat(outcome).isInstanceOf(TrackOutcome.Accepted.class);
            TrackOutcome.Accepted accepted = (TrackOutcome.Accepted) outcome;
            assertThat(accepted.boxes()).hasSize(16);
            assertThat(accepted.startBox()).isEqualTo(clip.boxes().get(0));
            assertThat(accepted.endBox().iou(clip.boxes().get(15))).isGreaterThanOrEqualTo(0.5);
            assertThat(accepted.confidence()).isGreaterThanOrEqualTo(0.5).isLessThanOrEqualTo(1.0);
        }
    }

    /**
     * The object travels 6 px/frame for 12 frames (further than its own side), then disappears:
     * whatever the tracker holds afterwards is background that stood still there, so tracking back
     * ends near where the object vanished, not where it started.
     */
    private static SyntheticScene.Clip vanishingObject() {
        return SyntheticScene.clip(20, 31, i -> Box.of(50 + 6 * Math.min(i, 12), 90, 48, 48), 13);
    }

    @ParameterizedTest
    @EnumSource(TrackerKind.class)
    void rejectsATrackWhoseObjectVanishes(TrackerKind kind) {
        try (SyntheticScene.Clip clip = vanishingObject()) {
            TrackOutcome outcome = verifier.track(clip.frames(), clip.boxes().get(0), kind);

            assertThat(outcome).isInstanceOf(TrackOutcome.Rejected.class);
            TrackOutcome.Rejected rejected = (TrackOutcome.Rejected) outcome;
            System.out.printf("%s on vanishing object: %s at frame %d (%s)%n",
                    kind, rejected.reason(), rejected.frameIndex(), rejected.detail());
            assertThat(rejected.reason()).isIn(RejectionReason.TRACKER_LOST, RejectionReason.FORWARD_BACKWARD_MISMATCH);
        }
    }

    @Test
    void milNeverReportsLossSoTheForwardBackwardCheckCatchesIt() {
        try (SyntheticScene.Clip clip = vanishingObject()) {
            TrackOutcome outcome = verifier.track(clip.frames(), clip.boxes().get(0), TrackerKind.MIL);

            assertThat(outcome).isInstanceOfSatisfying(TrackOutcome.Rejected.class,
                    r -> assertThat(r.reason()).isEqualTo(RejectionReason.FORWARD_BACKWARD_MISMATCH));
        }
    }

    @ParameterizedTest
    @EnumSource(value = TrackerKind.class, names = {"CSRT", "KCF"})
    void correlationFilterTracksAreReproducible(TrackerKind kind) {
        try (SyntheticScene.Clip clip = SyntheticScene.movingObject(10, 61)) {
            TrackOutcome first = verifier.track(clip.frames(), clip.boxes().get(0), kind);
            TrackOutcome second = verifier.track(clip.frames(), clip.boxes().get(0), kind);

            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void rejectsATrackThatLeavesTheFrame() {
        try (SyntheticScene.Clip clip = SyntheticScene.clip(12, 41,
                i -> Box.of(SyntheticScene.WIDTH - 70 + 6 * i, 100, 48, 48), 12)) {
            TrackOutcome outcome = verifier.track(clip.frames(), clip.boxes().get(0), TrackerKind.KCF);

            assertThat(outcome).isInstanceOfSatisfying(TrackOutcome.Rejected.class,
                    r -> assertThat(r.reason()).isIn(RejectionReason.LEFT_FRAME, RejectionReason.TRACKER_LOST));
        }
    }

    @Test
    void rejectsAStartBoxBelowTheMinimumSideWithoutTracking() {
        try (SyntheticScene.Clip clip = SyntheticScene.movingObject(3, 51)) {
            TrackOutcome outcome = verifier.track(clip.frames(), Box.of(50, 100, 40, 10), TrackerKind.CSRT);

            assertThat(outcome).isInstanceOfSatisfying(TrackOutcome.Rejected.class, r -> {
                assertThat(r.reason()).isEqualTo(RejectionReason.TOO_SMALL);
                assertThat(r.frameIndex()).isZero();
            });
        }
    }

    @Test
    void rejectsAStartBoxMostlyOutsideTheFrame() {
        try (SyntheticScene.Clip clip = SyntheticScene.movingObject(3, 51)) {
            TrackOutcome outcome = verifier.track(clip.frames(), Box.of(-40, 100, 60, 60), TrackerKind.CSRT);

            assertThat(outcome).isInstanceOfSatisfying(TrackOutcome.Rejected.class,
                    r -> assertThat(r.reason()).isEqualTo(RejectionReason.LEFT_FRAME));
        }
    }

    @Test
    void endConfirmationTakesTheMatchingProposalsBoxAndRejectsATrackWithoutOne() {
        Box start = Box.of(50, 50, 40, 40);
        TrackOutcome.Accepted track = new TrackOutcome.Accepted(TrackerKind.CSRT,
                List.of(start, Box.of(60, 50, 40, 40), Box.of(70, 50, 40, 40)), 0.8);
        // The object widened (it turned) while the tracker kept its box: the proposal has its extent.
        Box widened = Box.of(66, 48, 56, 44);
        Box elsewhere = Box.of(200, 150, 40, 40);

        TrackOutcome confirmed = verifier.confirmAtEnd(track, List.of(elsewhere, widened));
        TrackOutcome unconfirmed = verifier.confirmAtEnd(track, List.of(elsewhere));
        TrackOutcome off = new TrackVerifier(TrackingPolicy.defaults().withMinRedetectionIou(0))
                .confirmAtEnd(track, List.of(elsewhere));

        assertThat(confirmed).isInstanceOfSatisfying(TrackOutcome.Accepted.class, a -> {
            assertThat(a.endBox()).isEqualTo(widened);
            assertThat(a.startBox()).isEqualTo(start);
            assertThat(a.boxes().get(1)).isEqualTo(Box.of(60, 50, 40, 40));
            assertThat(a.confidence()).isEqualTo(0.8);
        });
        assertThat(unconfirmed).isInstanceOfSatisfying(TrackOutcome.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(RejectionReason.NOT_REDETECTED);
            assertThat(r.frameIndex()).isEqualTo(2);
        });
        assertThat(off).isSameAs(track);
    }

    @Test
    void policyErrorsNameTheField() {
        assertThatThrownBy(() -> TrackingPolicy.defaults().withMinForwardBackwardIou(1.5))
                .hasMessageContaining("minForwardBackwardIou");
        assertThatThrownBy(() -> TrackingPolicy.defaults().withMinBoxSide(0)).hasMessageContaining("minBoxSide");
        assertThatThrownBy(() -> TrackingPolicy.defaults().withMaxFractionOutside(1.0))
                .hasMessageContaining("maxFractionOutside");
        assertThatThrownBy(() -> TrackingPolicy.defaults().withMinRedetectionIou(-0.1))
                .hasMessageContaining("minRedetectionIou");
    }

    @Test
    void trackerKindParsesConfiguredNames() {
        assertThat(TrackerKind.fromName(" KCF ")).isEqualTo(TrackerKind.KCF);
        assertThat(TrackerKind.DEFAULT).isEqualTo(TrackerKind.CSRT);
        assertThatThrownBy(() -> TrackerKind.fromName("boosting")).hasMessageContaining("tracker");
    }
}
