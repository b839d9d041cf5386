package io.vireo.tracking.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;

import io.vireo.tracking.csrt.CsrtTracker;
import io.vireo.tracking.geometry.Box;
import io.vireo.tracking.kcf.KcfTracker;
import io.vireo.tracking.testing.SyntheticScene;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class RegionTrackerLifecycleTest {

    @Test
    void updateBeforeInitAndUseAfterCloseAreErrors() {
        try (SyntheticScene.Clip clip = SyntheticScene.movingObject(2, 8)) {
            KcfTracker tracker = new KcfTracker();
            assertThatThrownBy(() -> tracker.update(clip.frames().get(0))).hasMessageContaining("before init");
            tracker.close();
            tracker.close(); // idempotent
            assertThatThrownBy(() -> tracker.init(clip.frames().get(0), clip.boxes().get(0)))
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void rejectsBadFramesAndBoxesByName() {
        try (SyntheticScene.Clip clip = SyntheticScene.movingObject(1, 8);
                CsrtTracker tracker = new CsrtTracker();
                Mat gray = new Mat(240, 320, CV_8UC1);
                Mat smaller = new Mat(120, 160, CV_8UC3)) {
            Mat frame = clip.frames().get(0);
            assertThatThrownBy(() -> tracker.init(gray, Box.of(0, 0, 30, 30))).hasMessageContaining("BGR");
            assertThatThrownBy(() -> tracker.init(frame, Box.of(0, 0, 0, 30))).hasMessageContaining("empty");
            assertThatThrownBy(() -> tracker.init(frame, Box.of(400, 0, 30, 30))).hasMessageContaining("overlap");

            tracker.init(frame, clip.boxes().get(0));
            assertThatThrownBy(() -> tracker.update(smaller)).hasMessageContaining("frame size");
        }
    }

    @Test
    void reInitStartsAFreshTrack() {
        try (SyntheticScene.Clip clip = SyntheticScene.movingObject(3, 8); CsrtTracker tracker = new CsrtTracker()) {
            tracker.init(clip.frames().get(0), Box.of(200, 20, 40, 40));
            tracker.update(clip.frames().get(1));

            tracker.init(clip.frames().get(1), clip.boxes().get(1));
            TrackStep step = tracker.update(clip.frames().get(2));

            assertThat(step.success()).isTrue();
            assertThat(step.box().iou(clip.boxes().get(2))).isGreaterThanOrEqualTo(0.5);
            assertThat(tracker.name()).isEqualTo("csrt");
        }
    }
}
