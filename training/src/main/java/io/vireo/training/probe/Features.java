package io.vireo.training.probe;

import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.augment.MocoV2Augment;
import io.vireo.training.data.ImageSource;
import io.vireo.training.data.LabeledImage;
import io.vireo.training.model.ResNetGraphs;

/** Pre-logits features of images, for probes (inference mode: BN running statistics). */
public final class Features {
    private Features() {
    }

    /** Features of a batch NCHW; works on any graph with a {@link ResNetGraphs#FEATURES} vertex. */
    public static INDArray of(ComputationGraph graph, INDArray images) {
        return graph.feedForward(images, false).get(ResNetGraphs.FEATURES).dup();
    }

    /** Labeled features of images {@code indices} of {@code source}, eval-transformed, in chunks. */
    public static Labeled extract(ComputationGraph graph, ImageSource source, List<Long> indices, MocoV2Augment transform,
                                  int chunk) {
        int s = transform.outSize();
        int per = 3 * s * s;
        INDArray[] parts = new INDArray[(indices.size() + chunk - 1) / chunk];
        int[] labels = new int[indices.size()];
        for (int c = 0; c < parts.length; c++) {
            int from = c * chunk, to = Math.min(indices.size(), from + chunk);
            float[] buf = new float[(to - from) * per];
            for (int i = from; i < to; i++) {
                LabeledImage img = source.read(indices.get(i));
                System.arraycopy(transform.evalTransform(img.image()), 0, buf, (i - from) * per, per);
                labels[i] = img.label();
                img.image().close();
            }
            parts[c] = of(graph, Nd4j.create(buf, new long[] {to - from, 3, s, s}, 'c'));
        }
        return new Labeled(Nd4j.concat(0, parts), labels);
    }

    public record Labeled(INDArray features, int[] labels) {
    }
}
