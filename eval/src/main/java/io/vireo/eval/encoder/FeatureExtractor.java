package io.vireo.eval.encoder;

import java.util.List;
import java.util.function.IntFunction;

import org.bytedeco.opencv.opencv_core.Mat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.eval.features.FeatureMatrix;
import io.vireo.eval.images.ImageSet;
import io.vireo.eval.images.Images;
import io.vireo.eval.images.LabeledPath;
import io.vireo.training.augment.MocoV2Augment;
import io.vireo.training.probe.Features;

/**
 * Pre-logits features of images with an encoder in inference mode (BN running statistics), with
 * training's evaluation transform (resize to the encoder's input size, ImageNet normalisation),
 * in batches so memory stays bounded.
 */
public final class FeatureExtractor {

    private final Encoder encoder;
    private final MocoV2Augment transform;
    private final int batchSize;

    public FeatureExtractor(Encoder encoder, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize: must be >= 1, got " + batchSize);
        }
        if (encoder.spec().channels() != 3) {
            throw new IllegalArgumentException(encoder.origin() + ": image features need a 3-channel encoder, this one takes "
                    + encoder.spec().channels());
        }
        this.encoder = encoder;
        this.transform = MocoV2Augment.mocoV2(encoder.spec().inputSize());
        this.batchSize = batchSize;
    }

    public Encoder encoder() {
        return encoder;
    }

    public FeatureMatrix extract(ImageSet set) {
        List<LabeledPath> images = set.images();
        return extract(images.size(), i -> Images.readBgr(images.get(i).path()));
    }

    /** Features of {@code count} images produced by {@code image} (BGR 8-bit, any size). */
    public FeatureMatrix extract(int count, IntFunction<Mat> image) {
        int s = encoder.spec().inputSize();
        int per = 3 * s * s;
        int dim = encoder.featureDim();
        float[] out = new float[count * dim];
        for (int from = 0; from < count; from += batchSize) {
            int to = Math.min(count, from + batchSize);
            float[] pixels = new float[(to - from) * per];
            for (int i = from; i < to; i++) {
                Mat m = image.apply(i);
                System.arraycopy(transform.evalTransform(m), 0, pixels, (i - from) * per, per);
                m.close();
            }
            INDArray f = Features.of(encoder.graph(), Nd4j.create(pixels, new long[] {to - from, 3, s, s}, 'c'));
            if (f.columns() != dim) {
                throw new IllegalStateException(encoder.origin() + ": features have " + f.columns() + " columns, spec says " + dim);
            }
            System.arraycopy(FeatureMatrix.of(f).values(), 0, out, from * dim, (to - from) * dim);
        }
        return new FeatureMatrix(count, dim, out);
    }
}
