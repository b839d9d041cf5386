package io.vireo.eval.ris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import io.vireo.eval.encoder.EncoderLoader;
import io.vireo.eval.encoder.FeatureExtractor;
import io.vireo.ingest.record.PairRecord;
import io.vireo.training.model.Arch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.ResNetVersion;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

class TrackSetsTest {

    private static final PairRecord.PairBox BOX_A = new PairRecord.PairBox(10, 10, 40, 40);
    private static final PairRecord.PairBox BOX_B = new PairRecord.PairBox(100, 60, 30, 50);

    @Test
    void chainedRegionPairsBecomeOneSetPerTrackedInstance() {
        List<PairRecord> pairs = new ArrayList<>();
        // Instance A tracked over 3 consecutive anchors (4 views), B over 2 (3 views), C once (2 views).
        pairs.add(region("a1", "cam", 0, BOX_A, 5, BOX_A, 40));
        pairs.add(region("b1", "cam", 0, BOX_B, 5, BOX_B, 120));
        pairs.add(region("a2", "cam", 5, BOX_A, 10, BOX_A, 40));
        pairs.add(region("b2", "cam", 5, BOX_B, 12, BOX_B, 120));
        pairs.add(region("a3", "cam", 10, BOX_A, 15, BOX_A, 40));
        pairs.add(region("c1", "other", 0, BOX_A, 5, BOX_A, 200));
        pairs.add(frame("f1", "cam", 0, 5));

        RisInput input = TrackSets.fromPairs(pairs);

        assertThat(input.factor()).isEqualTo(TrackSets.FACTOR);
        assertThat(input.sets()).extracting(s -> s.length).containsExactly(4, 3);
        assertThat(input.count()).isEqualTo(7);
        assertThat(input.classes()).containsExactly(0, 0, 0, 0, 1, 1, 1);
        assertThat(input.names()).contains("cam@15:10,10 40x40", "cam@12:100,60 30x50")
                .noneMatch(n -> n.startsWith("other"));
        // Each row decodes to its own instance's view (grey level 40 for A, 120 for B).
        for (int row = 0; row < input.count(); row++) {
            try (Mat view = input.image().apply(row); UByteIndexer px = view.createIndexer()) {
                assertThat(px.get(2, 2, 0)).as("row %d", row).isEqualTo(input.classes()[row] == 0 ? 40 : 120);
            }
        }

        RisResult result = RisEvaluation.evaluate(new FeatureExtractor(
                EncoderLoader.random(new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 0.25, 32, 3), 1), 8), input);
        assertThat(result.sets()).isEqualTo(2);
        assertThat(result.ris10()).isFinite();
    }

    @Test
    void tooFewTrackedInstancesIsAnErrorThatSaysWhy() {
        List<PairRecord> pairs = List.of(region("a1", "cam", 0, BOX_A, 5, BOX_A, 40),
                region("a2", "cam", 5, BOX_A, 10, BOX_A, 40));

        assertThatThrownBy(() -> TrackSets.fromPairs(pairs))
                .hasMessageContaining("at least 2 tracked instances").hasMessageContaining("gave 1");
    }

    private static PairRecord region(String id, String stream, long first, PairRecord.PairBox firstBox, long second,
                                     PairRecord.PairBox secondBox, int grey) {
        return new PairRecord(id, stream, PairRecord.Kind.REGION, 0, first * 40_000, second * 40_000, first, second,
                320, 240, firstBox, secondBox, "csrt", 0.9, "edges", "png", 32, png(grey), png(grey));
    }

    private static PairRecord frame(String id, String stream, long first, long second) {
        return new PairRecord(id, stream, PairRecord.Kind.FRAME, 0, first * 40_000, second * 40_000, first, second,
                320, 240, new PairRecord.PairBox(0, 0, 320, 240), new PairRecord.PairBox(0, 0, 320, 240), null, null,
                null, "png", 32, png(0), png(0));
    }

    private static byte[] png(int grey) {
        try (Mat image = new Mat(32, 32, CV_8UC3, new Scalar(grey, grey, grey, 0)); BytePointer out = new BytePointer()) {
            imencode(".png", image, out);
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return Arrays.copyOf(bytes, bytes.length);
        }
    }
}
