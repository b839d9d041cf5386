package io.vireo.eval.export;

import java.io.IOException;
import java.nio.file.Path;

import io.vireo.eval.encoder.FeatureExtractor;
import io.vireo.eval.features.FeatureIndex;
import io.vireo.eval.features.FeatureMatrix;
import io.vireo.eval.features.Npy;
import io.vireo.eval.images.ImageSet;

/**
 * {@code vireo eval features}: pre-logits of an image set to {@code NAME.npy} (float32, (N, D))
 * and {@code NAME.csv} (row i = image i). Each file is written atomically; the CSV goes second, so
 * an index never describes a features file that is not there.
 */
public final class FeatureExport {

    /** Where the files went and what they hold. */
    public record Written(Path npy, Path index, int rows, int dim) {
    }

    private FeatureExport() {
    }

    public static Written export(FeatureExtractor extractor, ImageSet set, Path npy) throws IOException {
        FeatureMatrix features = extractor.extract(set);
        Npy.write(npy, features);
        Path index = indexFor(npy);
        FeatureIndex.write(index, set);
        return new Written(npy, index, features.rows(), features.cols());
    }

    /** {@code x/name.npy} → {@code x/name.csv}. */
    public static Path indexFor(Path npy) {
        String name = npy.getFileName().toString();
        String stem = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        return npy.resolveSibling(stem + ".csv");
    }
}
