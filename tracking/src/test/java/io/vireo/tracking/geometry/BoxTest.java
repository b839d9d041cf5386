package io.vireo.tracking.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;

class BoxTest {

    @Test
    void iouOfHandComputedOverlaps() {
        Box a = Box.of(0, 0, 10, 10);
        // 5x5 overlap = 25; union = 100 + 100 - 25 = 175
        assertThat(a.iou(Box.of(5, 5, 10, 10))).isCloseTo(25.0 / 175, within(1e-12));
        // Contained 4x4 in 10x10: 16 / 100
        assertThat(a.iou(Box.of(3, 3, 4, 4))).isCloseTo(0.16, within(1e-12));
        // Side by side (touching edges do not overlap)
        assertThat(a.iou(Box.of(10, 0, 10, 10))).isZero();
        assertThat(a.iou(a)).isEqualTo(1.0);
        assertThat(a.iou(Box.of(3, 3, 0, 0))).isZero();
        // 10x10 vs 20x10 sharing the left half: 100 / 200
        assertThat(a.iou(Box.of(0, 0, 20, 10))).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void clipAndFractionOutside() {
        Box b = Box.of(-5, -5, 20, 20);
        assertThat(b.clipTo(10, 10)).isEqualTo(Box.of(0, 0, 10, 10));
        assertThat(b.fractionOutside(10, 10)).isCloseTo(1 - 100.0 / 400, within(1e-12));
        assertThat(Box.of(90, 10, 20, 10).clipTo(100, 100)).isEqualTo(Box.of(90, 10, 10, 10));
        assertThat(Box.of(200, 10, 20, 10).clipTo(100, 100).isEmpty()).isTrue();
        assertThat(Box.of(200, 10, 20, 10).fractionOutside(100, 100)).isEqualTo(1.0);
        assertThat(Box.of(10, 10, 20, 10).fractionOutside(100, 100)).isZero();
        assertThat(Box.of(10, 10, 20, 10).isInside(100, 100)).isTrue();
    }

    @Test
    void centreScaleAndExpand() {
        Box b = Box.of(10, 20, 40, 20);
        assertThat(b.centerX()).isEqualTo(30.0);
        assertThat(b.centerY()).isEqualTo(30.0);
        assertThat(b.area()).isEqualTo(800);
        assertThat(b.elongation()).isEqualTo(2.0);
        assertThat(b.scaled(2)).isEqualTo(Box.of(-10, 10, 80, 40));
        assertThat(b.scaled(0.5)).isEqualTo(Box.of(20, 25, 20, 10));
        assertThat(b.expanded(5)).isEqualTo(Box.of(5, 15, 50, 30));
        assertThat(b.expanded(-15)).isEqualTo(Box.of(25, 35, 10, 0));
        assertThat(b.squared()).isEqualTo(Box.of(10, 10, 40, 40));
        assertThat(b.translated(-10, 5)).isEqualTo(Box.of(0, 25, 40, 20));
    }

    @Test
    void convertsToAndFromOpenCvRect() {
        Box b = Box.of(-3, 7, 11, 13);
        try (Rect rect = b.toRect()) {
            assertThat(rect.x()).isEqualTo(-3);
            assertThat(rect.y()).isEqualTo(7);
            assertThat(rect.width()).isEqualTo(11);
            assertThat(rect.height()).isEqualTo(13);
            assertThat(Box.fromRect(rect)).isEqualTo(b);
        }
    }

    @Test
    void negativeSizesAreRejectedByName() {
        assertThatThrownBy(() -> Box.of(0, 0, -1, 5)).hasMessageContaining("width");
        assertThatThrownBy(() -> Box.of(0, 0, 5, -1)).hasMessageContaining("height");
        assertThatThrownBy(() -> Box.of(0, 0, 5, 5).scaled(-1)).hasMessageContaining("factor");
    }
}
