package io.vireo.tracking.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.vireo.tracking.geometry.Box;
import io.vireo.tracking.testing.SyntheticScene;
import io.vireo.tracking.tracker.RegionTracker;
import io.vireo.tracking.tracker.TrackStep;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrackerFollowsObjectTest {

    @ParameterizedTest
    @EnumSource(TrackerKind.class)
    void followsMovingObjectOverThirtyFrames(TrackerKind kind) {
        try (SyntheticScene.Clip clip = SyntheticScene.movingObject(31, 11);
                RegionTracker tracker = kind.create()) {
            tracker.init(clip.frames().get(0), clip.boxes().get(0));
            long started = System.nanoTime();
            for (int i = 1; i < clip.frames().size(); i++) {
                TrackStep step = tracker.update(clip.frames().get(i));
                Box truth = clip.boxes().get(i);
                assertThat(step.success()).as("%s success on frame %d", kind, i).isTrue();
                assertThat(step.box().iou(truth)).as("%s IoU on frame %d: %s vs %s", kind, i, step.box(), truth)
                        .isGreaterThanOrEqualTo(0.5);
            }
            double fps = (clip.frames().size() - 1) / ((System.nanoTime() - started) / 1e9);
            System.out.printf("%s: %.0f updates/s on 320x240%n", kind, fps);
        }
    }
}
