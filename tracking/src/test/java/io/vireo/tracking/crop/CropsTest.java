package io.vireo.tracking.crop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import io.vireo.tracking.geometry.Box;
import io.vireo.tracking.testing.SyntheticScene;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CropsTest {

    private static final Box RED_SQUARE = Box.of(100, 60, 40, 40);

    /** Mid-grey frame with a pure red 40x40 square. */
    private static Mat frameWithRedSquare() {
        Mat frame = new Mat(240, 320, CV_8UC3, new Scalar(128, 128, 128, 0));
        rectangle(frame, new Point(RED_SQUARE.x(), RED_SQUARE.y()),
                new Point(RED_SQUARE.right() - 1, RED_SQUARE.bottom() - 1), new Scalar(0, 0, 255, 0), -1, 8, 0);
        return frame;
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void cropHasTheRequestedSizeAndDecodesBack(ImageFormat format) {
        try (SyntheticScene.Clip clip = SyntheticScene.movingObject(1, 3)) {
            Box box = Box.of(30, 40, 90, 50);
            byte[] bytes = Crops.cropAndEncode(clip.frames().get(0), box, CropSpec.of(96), format);

            try (Mat decoded = Crops.decode(bytes)) {
                assertThat(decoded.cols()).isEqualTo(96);
                assertThat(decoded.rows()).isEqualTo(96);
                assertThat(decoded.type()).isEqualTo(CV_8UC3);
            }
        }
    }

    @Test
    void pngRoundTripIsLossless() {
        try (SyntheticScene.Clip clip = SyntheticScene.movingObject(1, 4);
                Mat view = Crops.crop(clip.frames().get(0), Box.of(50, 50, 64, 64), CropSpec.of(64));
                Mat decoded = Crops.decode(Crops.encode(view, ImageFormat.PNG));
                Mat diff = new Mat()) {
            absdiff(view, decoded, diff);
            assertThat(countNonZero(diff.reshape(1, 0))).isZero();
        }
    }

    @Test
    void jpegQualityTradesSizeForFidelity() {
        try (SyntheticScene.Clip clip = SyntheticScene.movingObject(1, 4);
                Mat view = Crops.crop(clip.frames().get(0), Box.of(50, 50, 64, 64), CropSpec.of(128))) {
            assertThat(Crops.encode(view, ImageFormat.JPEG, 30).length)
                    .isLessThan(Crops.encode(view, ImageFormat.JPEG, 95).length);
            assertThatThrownBy(() -> Crops.encode(view, ImageFormat.JPEG, 0)).hasMessageContaining("jpegQuality");
        }
    }

    @Test
    void cropWithoutContextShowsExactlyTheBox() {
        try (Mat frame = frameWithRedSquare();
                Mat view = Crops.crop(frame, RED_SQUARE, CropSpec.of(32).withContext(0))) {
            Scalar m = mean(view);
            assertThat(m.get(0)).isCloseTo(0, within(0.5));
            assertThat(m.get(1)).isCloseTo(0, within(0.5));
            assertThat(m.get(2)).isCloseTo(255, within(0.5));
        }
    }

    @Test
    void windowAddsContextAndSquaresAroundTheCentre() {
        Box window = Crops.window(Box.of(100, 100, 40, 20), 320, 240, CropSpec.of(64).withContext(0.5));
        assertThat(window).isEqualTo(Box.of(90, 80, 60, 60));

        Box stretched = Crops.window(Box.of(100, 100, 40, 20), 320, 240,
                CropSpec.of(64).withContext(0).withKeepAspect(false));
        assertThat(stretched).isEqualTo(Box.of(100, 100, 40, 20));
    }

    @Test
    void blackPaddingFillsWhatLiesOutsideTheFrame() {
        try (Mat frame = new Mat(100, 100, CV_8UC3, new Scalar(200, 200, 200, 0))) {
            // Left half of the window is outside the frame.
            CropSpec spec = new CropSpec(40, 0, true, Padding.BLACK);
            try (Mat view = Crops.crop(frame, Box.of(-20, 30, 40, 40), spec);
                    Rect leftRect = new Rect(0, 0, 18, 40); Mat left = new Mat(view, leftRect);
                    Rect rightRect = new Rect(22, 0, 18, 40); Mat right = new Mat(view, rightRect)) {
                assertThat(mean(left).get(0)).isCloseTo(0, within(1.0));
                assertThat(mean(right).get(0)).isCloseTo(200, within(1.0));
            }
            try (Mat view = Crops.crop(frame, Box.of(-20, 30, 40, 40), spec.withPadding(Padding.REPLICATE))) {
                assertThat(mean(view).get(0)).isCloseTo(200, within(1.0));
            }
        }
    }

    @Test
    void shiftInsideMovesTheWindowIntoTheFrame() {
        CropSpec spec = new CropSpec(32, 0, true, Padding.SHIFT_INSIDE);
        assertThat(Crops.window(Box.of(-20, 30, 40, 40), 100, 100, spec)).isEqualTo(Box.of(0, 30, 40, 40));
        // 150x60 centred at (85, 40) squares to 150x150, shrinks to the frame's short side (80),
        // centres at x = 45 and is pushed left to the last position that fits: 100 - 80 = 20.
        assertThat(Crops.window(Box.of(10, 10, 150, 60), 100, 80, spec)).isEqualTo(Box.of(20, 0, 80, 80));
        try (Mat frame = frameWithRedSquare();
                Mat view = Crops.crop(frame, Box.of(300, 200, 60, 60), spec)) {
            assertThat(view.cols()).isEqualTo(32);
        }
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> CropSpec.of(4)).hasMessageContaining("viewSize");
        assertThatThrownBy(() -> CropSpec.of(64).withContext(-0.1)).hasMessageContaining("context");
        assertThatThrownBy(() -> Crops.decode(new byte[] {1, 2, 3})).hasMessageContaining("encoded");
        try (Mat frame = frameWithRedSquare()) {
            assertThatThrownBy(() -> Crops.crop(frame, Box.of(1000, 1000, 10, 10), CropSpec.of(32)))
                    .hasMessageContaining("does not overlap");
        }
    }
}
