package io.vireo.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.vireo.eval.report.ModelResults;
import io.vireo.eval.report.ReportWriter;
import io.vireo.eval.ris.RisResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimsTest {

    private static Claims.Run run(long seed, String method, double viewpoint) {
        ModelResults r = ModelResults.empty(method, "test", 10)
                .withRis(new RisResult("viewpoint", viewpoint, viewpoint / 2, 40, 6, 8, 10));
        return new Claims.Run("synthetic", seed, method, r);
    }

    @Test
    void aClaimHoldsWhenEverySeedAgreesAndIsMixedOtherwise() {
        List<Claims.Run> runs = new ArrayList<>();
        // Region beats frame in all three seeds; region beats MoCo in two of three.
        double[][] ris = {{30, 20, 25}, {28, 27, 29}, {35, 30, 36}};
        for (int s = 0; s < 3; s++) {
            runs.add(run(s, "video-region", ris[s][0]));
            runs.add(run(s, "video-frame", ris[s][1]));
            runs.add(run(s, "moco-v2", ris[s][2]));
        }
        ReportWriter.Table t = Claims.table(runs, List.of("synthetic"));

        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(0)).containsExactly("region tracking raises viewpoint invariance over frame-level pairs",
                "synthetic", "3", "+10.00, +1.00, +5.00", "+5.33 ± 4.51", "holds");
        assertThat(t.rows().get(1).get(3)).isEqualTo("+5.00, -1.00, -1.00");
        assertThat(t.rows().get(1).get(5)).isEqualTo("mixed");
    }

    @Test
    void verdictsSayWhenThereIsOneSeedOnly() {
        assertThat(Claims.verdict(List.of(-0.5))).isEqualTo("does not hold (one seed)");
        assertThat(Claims.verdict(List.of(0.5, 0.1))).isEqualTo("holds");
        assertThat(Claims.verdict(List.of(-0.5, 0.0))).isEqualTo("does not hold");
    }

    @Test
    void aClaimWhoseMethodsWereNotTrainedIsLeftOut() {
        ReportWriter.Table t = Claims.table(List.of(run(1, "moco-v2", 20)), List.of("synthetic"));
        assertThat(t.rows()).isEmpty();
    }
}
