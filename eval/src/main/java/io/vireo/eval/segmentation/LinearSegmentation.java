package io.vireo.eval.segmentation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.bytedeco.opencv.opencv_core.Mat;

import io.vireo.eval.datasets.masks.LabelMap;
import io.vireo.eval.encoder.Encoder;
import io.vireo.eval.encoder.SpatialFeatures;
import io.vireo.eval.features.FeatureMatrix;
import io.vireo.eval.images.Images;
import io.vireo.eval.metrics.ConfusionMatrix;
import io.vireo.eval.probe.Lbfgs;
import io.vireo.eval.probe.LinearModel;
import io.vireo.eval.probe.SoftmaxRegression;

/**
 * Semantic segmentation with a frozen encoder and a linear per-pixel head: the last stage's
 * feature map is bilinearly upsampled to the mask's resolution and a softmax classifier maps each
 * pixel's feature vector to a class. The head is fitted on pixels sampled from the training masks
 * (ignored pixels never sampled) and scored on every pixel of the test masks at their own
 * resolution.
 *
 * <p>Scoring upsamples the head's logits instead of the features: the head (standardisation and
 * the linear map) is affine and bilinear interpolation is a convex combination, so both orders
 * give the same numbers, and logits have C channels where features have D.
 */
public final class LinearSegmentation {

    private LinearSegmentation() {
    }

    /**
     * @param maskReader reads a sample's mask into labels 0..classes-1 / ignore, naming the file on error
     */
    public static SegmentationResult evaluate(String dataset, Encoder encoder, int classes, List<SegmentationSample> train,
                                              List<SegmentationSample> test, Function<java.nio.file.Path, LabelMap> maskReader,
                                              SegmentationConfig config) {
        SpatialFeatures spatial = new SpatialFeatures(encoder);
        SplittableRandom random = new SplittableRandom(config.seed());
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int dim = -1;
        for (int from = 0; from < train.size(); from += config.batchSize()) {
            List<SegmentationSample> batch = train.subList(from, Math.min(train.size(), from + config.batchSize()));
            SpatialFeatures.Map[] maps = forward(spatial, batch);
            for (int i = 0; i < batch.size(); i++) {
                LabelMap mask = maskReader.apply(batch.get(i).mask());
                SpatialFeatures.Map map = maps[i];
                dim = map.channels();
                int[] scored = scoredPixels(mask);
                int take = Math.min(config.pixelsPerImage(), scored.length);
                for (int k = 0; k < take; k++) { // partial Fisher-Yates: a uniform sample without replacement
                    int j = k + random.nextInt(scored.length - k);
                    int t = scored[k];
                    scored[k] = scored[j];
                    scored[j] = t;
                    int px = scored[k] % mask.width();
                    int py = scored[k] / mask.width();
                    float[] f = new float[dim];
                    map.sample(SpatialFeatures.Map.toMap(px, mask.width(), map.width()),
                            SpatialFeatures.Map.toMap(py, mask.height(), map.height()), f);
                    rows.add(f);
                    labels.add(mask.labels()[scored[k]]);
                }
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(dataset + ": the training masks have no scored pixels");
        }
        float[] x = new float[rows.size() * dim];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, x, i * dim, dim);
        }
        LinearModel head = SoftmaxRegression.multinomial(new FeatureMatrix(rows.size(), dim, x),
                labels.stream().mapToInt(Integer::intValue).toArray(), classes, config.l2(),
                new Lbfgs.Settings(10, config.maxIterations(), 1e-6));

        ConfusionMatrix confusion = new ConfusionMatrix(classes, LabelMap.IGNORE);
        for (int from = 0; from < test.size(); from += config.batchSize()) {
            List<SegmentationSample> batch = test.subList(from, Math.min(test.size(), from + config.batchSize()));
            SpatialFeatures.Map[] maps = forward(spatial, batch);
            for (int i = 0; i < batch.size(); i++) {
                LabelMap mask = maskReader.apply(batch.get(i).mask());
                confusion.add(mask.labels(), predict(head, maps[i], mask.width(), mask.height()), batch.get(i).mask().toString());
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("head", "linear softmax on bilinearly upsampled last-stage features");
        settings.put("encoder", encoder.origin());
        settings.put("inputSize", encoder.spec().inputSize());
        settings.put("pixelsPerImage", config.pixelsPerImage());
        settings.put("trainPixels", rows.size());
        settings.put("l2", config.l2());
        settings.put("seed", config.seed());
        return new SegmentationResult(dataset, classes, confusion.meanIou(), confusion.pixelAccuracy(), train.size(),
                test.size(), settings);
    }

    private static SpatialFeatures.Map[] forward(SpatialFeatures spatial, List<SegmentationSample> batch) {
        List<Mat> images = new ArrayList<>();
        for (SegmentationSample s : batch) {
            images.add(Images.readBgr(s.image()));
        }
        SpatialFeatures.Map[] maps = spatial.maps(images);
        images.forEach(Mat::close);
        return maps;
    }

    private static int[] scoredPixels(LabelMap mask) {
        int n = 0;
        for (int l : mask.labels()) {
            n += l == LabelMap.IGNORE ? 0 : 1;
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < mask.labels().length; i++) {
            if (mask.labels()[i] != LabelMap.IGNORE) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** Per-pixel argmax at width×height of the head's logits, bilinearly upsampled from the map grid. */
    static int[] predict(LinearModel head, SpatialFeatures.Map map, int width, int height) {
        int cells = map.height() * map.width();
        float[] columns = new float[cells * map.channels()];
        for (int c = 0; c < map.channels(); c++) {
            for (int p = 0; p < cells; p++) {
                columns[p * map.channels() + c] = map.values()[c * cells + p];
            }
        }
        double[][] logits = head.scores(new FeatureMatrix(cells, map.channels(), columns));
        int classes = head.outputs();
        float[] logitMap = new float[classes * cells];
        for (int p = 0; p < cells; p++) {
            for (int c = 0; c < classes; c++) {
                logitMap[c * cells + p] = (float) logits[p][c];
            }
        }
        SpatialFeatures.Map upsampler = new SpatialFeatures.Map(classes, map.height(), map.width(), logitMap);
        int[] out = new int[width * height];
        float[] v = new float[classes];
        for (int y = 0; y < height; y++) {
            double my = SpatialFeatures.Map.toMap(y, height, map.height());
            for (int x = 0; x < width; x++) {
                upsampler.sample(SpatialFeatures.Map.toMap(x, width, map.width()), my, v);
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (v[c] > v[best]) {
                        best = c;
                    }
                }
                out[y * width + x] = best;
            }
        }
        return out;
    }
}
