package io.vireo.eval.ris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vireo.eval.datasets.Fixtures;
import io.vireo.eval.encoder.EncoderLoader;
import io.vireo.eval.encoder.FeatureExtractor;
import io.vireo.eval.features.FeatureMatrix;
import io.vireo.training.model.Arch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.ResNetVersion;

class RisTest {

    @TempDir
    Path dir;

    /**
     * Six images, three neurons, classes A (rows 0-2) and B (rows 3-5); sets {0,1,2} (A), {3,4,5} (B)
     * and {0,1} (A, too small: skipped). Worked by hand:
     * C = 2 → p = 50, i = ⌊6·50/100⌋ = 3.
     * Neuron 0 = [5 6 7 1 2 3]: t⁺ = asc[3] = 5, t⁻ = desc[3] = 3, G = #(≥5)/6 = 1/2.
     *   A: #(>5) = 2, #(<3) = 0 → 2/3. B: #(>5) = 0, #(<3) = 2 → 2/3.
     *   (Were {0,1} counted, A would become (2/3 + 1/2)/2.)
     * Neuron 1 = [1 9 1 9 1 9]: t⁺ = 9, t⁻ = 1, G = 1/2; no set fires → L = 0.
     * Neuron 2 = [0 0 0 0 0 10]: t⁺ = 0, t⁻ = 0, G = 1; A: nothing; B: #(>0) = 1 → 1/3.
     * L/G: A = [4/3, 0, 0], B = [4/3, 0, 1/3].
     * K=1: (4/3 + 4/3)/2 · 50 = 66.67; K=2: ((4/3+0)/2 + (4/3+1/3)/2)/2 · 50 = 37.5; K=3: (4/9 + 5/9)/2 · 50 = 25.
     */
    @Test
    void tinyMatrixGivesTheHandComputedScores() {
        FeatureMatrix x = FeatureMatrix.of(new double[][] {
                {5, 1, 0}, {6, 9, 0}, {7, 1, 0}, {1, 9, 0}, {2, 1, 0}, {3, 9, 10}});
        int[] classes = {0, 0, 0, 1, 1, 1};
        List<int[]> sets = List.of(new int[] {0, 1, 2}, new int[] {3, 4, 5}, new int[] {0, 1});
        double[] r = Ris.score(x, classes, sets, 1, 2, 3);
        assertThat(r[0]).isCloseTo(4.0 / 3 * 50, within(1e-9));
        assertThat(r[1]).isCloseTo(37.5, within(1e-9));
        assertThat(r[2]).isCloseTo(25.0, within(1e-9));
    }

    @Test
    void classIdsOnlyMatterByDistinctnessAndKMustNotExceedTheDimension() {
        FeatureMatrix x = FeatureMatrix.of(new double[][] {
                {5, 1, 0}, {6, 9, 0}, {7, 1, 0}, {1, 9, 0}, {2, 1, 0}, {3, 9, 10}});
        List<int[]> sets = List.of(new int[] {0, 1, 2}, new int[] {3, 4, 5});
        assertThat(Ris.score(x, new int[] {42, 42, 42, -7, -7, -7}, sets, 2)[0]).isCloseTo(37.5, within(1e-9));
        assertThatThrownBy(() -> Ris.score(x, new int[6], sets, 10, 25)).hasMessageContaining("RIS@10")
                .hasMessageContaining(">= 10");
    }

    @Test
    void firingPercentAndThresholdIndexFollowTheReferenceArithmetic() {
        assertThat(Ris.firingPercent(2)).isEqualTo(50.0);
        assertThat(Ris.firingPercent(10)).isEqualTo((1.0 - 1.0 / 10) * 100); // 90.00000000000001 in doubles
        assertThat(Ris.firingPercent(1000)).isEqualTo(95.0);
        // Python: (7 * 66.66666666666667) // 100 == 4.0 ; 1000 * 90.00000000000001 // 100 == 900.0
        assertThat(Ris.pyFloorDiv(7 * Ris.firingPercent(3), 100)).isEqualTo(4.0);
        assertThat(Ris.pyFloorDiv(1000 * Ris.firingPercent(10), 100)).isEqualTo(900.0);
        assertThat(Ris.pyFloorDiv(-7, 2)).isEqualTo(-4.0);
    }

    @Test
    void aloiFolderLayoutMakesOneSetPerObject() throws Exception {
        Path view = dir.resolve("aloi_red4_view/png4");
        for (int o = 1; o <= 3; o++) {
            for (int r = 0; r < 4; r++) {
                Fixtures.jpeg(view.resolve(o + "/" + o + "_r" + (r * 5) + ".png"), 24, 18, new Scalar(40 * o, 30 * r, 200, 0), null, null);
            }
        }
        Fixtures.jpeg(view.resolve("4/4_r0.png"), 24, 18, new Scalar(1, 2, 3, 0), null, null);
        RisInput in = AloiSets.scan(view, "viewpoint");
        assertThat(in.count()).isEqualTo(13);
        assertThat(in.sets()).hasSize(4);
        assertThat(in.sets().get(0)).containsExactly(0, 1, 2, 3);
        assertThat(in.classes()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3);
        assertThat(in.names().get(0)).endsWith("1_r0.png");
    }

    @Test
    void synthSetsVaryOneFactorAndCropToTheObjectAndScoreEndToEnd() {
        SynthSets.Settings s = new SynthSets.Settings(2, 4, 48, 5);
        RisInput view = SynthSets.build("viewpoint", s);
        assertThat(view.count()).isEqualTo(6 * 2 * 4);
        assertThat(view.sets()).hasSize(12).allSatisfy(set -> assertThat(set).hasSize(4));
        assertThat(view.names().get(1)).contains("yaw 90");
        Mat crop = view.image().apply(0);
        assertThat(crop.cols()).isLessThan(48); // cropped to the true box, not the whole render
        assertThat(crop.rows()).isLessThan(48);

        RisInput instance = SynthSets.build("instance", s);
        assertThat(instance.sets()).hasSize(6).allSatisfy(set -> assertThat(set).hasSize(2)); // 2 < 3: all skipped
        assertThatThrownBy(() -> SynthSets.build("weather", s)).hasMessageContaining("weather");

        RisInput occlusion = SynthSets.build("occlusion", s);
        FeatureExtractor extractor = new FeatureExtractor(
                EncoderLoader.random(new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 0.25, 32, 3), 1), 16);
        RisResult r = RisEvaluation.evaluate(extractor, occlusion);
        assertThat(r.classes()).isEqualTo(6);
        assertThat(r.sets()).isEqualTo(12);
        assertThat(r.firingPercent()).isCloseTo(100 * 5.0 / 6, within(1e-9));
        // Local firing can be at most 1 per neuron and G ≥ (N - i)/N, so RIS is bounded by (100 - p)·N/(N - i).
        double bound = (100 - r.firingPercent()) * r.images() / (double) (r.images() - Math.floor(r.images() * r.firingPercent() / 100));
        assertThat(r.ris10()).isBetween(0.0, bound);
        assertThat(r.ris25()).isBetween(0.0, r.ris10() + 1e-9); // the top-25 mean cannot exceed the top-10 mean
    }
}
