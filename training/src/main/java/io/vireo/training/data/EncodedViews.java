package io.vireo.training.data;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import io.vireo.ingest.record.PairRecord;

/** A pair record's two encoded views (JPEG/PNG) as the decoded positives the augmentation takes. */
final class EncodedViews {
    private EncodedViews() {
    }

    static ViewPair decode(PairRecord pair, String where) {
        return new ViewPair(image(pair.firstView(), pair, 1, where), image(pair.secondView(), pair, 2, where),
                LabeledImage.NO_LABEL);
    }

    private static Mat image(byte[] encoded, PairRecord pair, int view, String where) {
        Mat m;
        try (BytePointer bytes = new BytePointer(encoded); Mat raw = new Mat(1, encoded.length,
                org.bytedeco.opencv.global.opencv_core.CV_8U, bytes)) {
            m = imdecode(raw, IMREAD_COLOR);
        }
        if (m == null || m.empty()) {
            throw new IllegalStateException("pair " + pair.pairId() + " at " + where + ": view " + view + " ("
                    + pair.imageFormat() + ", " + encoded.length + " bytes) does not decode");
        }
        return m;
    }
}
