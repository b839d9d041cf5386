package io.vireo.eval.tasks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

import io.vireo.eval.datasets.voc.VocAnnotation;
import io.vireo.eval.datasets.voc.VocClasses;
import io.vireo.eval.datasets.voc.VocDataset;
import io.vireo.eval.datasets.voc.VocObject;
import io.vireo.eval.encoder.FeatureExtractor;
import io.vireo.eval.features.FeatureMatrix;
import io.vireo.eval.images.Images;
import io.vireo.eval.probe.LabeledFeatures;
import io.vireo.eval.probe.LinearProbe;
import io.vireo.eval.probe.LinearProbeConfig;
import io.vireo.eval.probe.ProbeResult;

/**
 * "Pascal cropped boxes": every annotated object cut out by its box is one single-label example
 * (its class), classified by the linear probe on the crop's pre-logits. Objects marked difficult
 * are skipped, as the devkit skips them in evaluation; truncated objects are kept (the devkit
 * scores them normally).
 */
public final class VocCroppedBoxes {

    /** One object crop: image id, the object, and the pixel rectangle cut out (0-based, end exclusive). */
    public record Crop(String imageId, VocObject object, int x, int y, int width, int height) {
    }

    private VocCroppedBoxes() {
    }

    public static List<Crop> crops(VocDataset voc, String split) {
        List<Crop> out = new ArrayList<>();
        for (String id : voc.mainIds(split)) {
            VocAnnotation a = voc.annotation(id);
            for (VocObject o : a.objects()) {
                if (o.difficult()) {
                    continue;
                }
                // VOC corners are 1-based and inclusive: pixel columns xmin..xmax are columns xmin-1..xmax-1 here.
                int x0 = (int) Math.max(0, Math.round(o.xmin()) - 1);
                int y0 = (int) Math.max(0, Math.round(o.ymin()) - 1);
                int x1 = (int) Math.round(o.xmax());
                int y1 = (int) Math.round(o.ymax());
                if (a.width() > 0) {
                    x1 = Math.min(x1, a.width());
                }
                if (a.height() > 0) {
                    y1 = Math.min(y1, a.height());
                }
                if (x1 <= x0 || y1 <= y0) {
                    throw new IllegalArgumentException("Pascal VOC: object '" + o.name() + "' of " + id + " has an empty box");
                }
                out.add(new Crop(id, o, x0, y0, x1 - x0, y1 - y0));
            }
        }
        return out;
    }

    public static FeatureMatrix features(FeatureExtractor extractor, VocDataset voc, List<Crop> crops) {
        return extractor.extract(crops.size(), i -> cut(voc, crops.get(i)));
    }

    static Mat cut(VocDataset voc, Crop c) {
        Mat image = Images.readBgr(voc.image(c.imageId()));
        int w = Math.min(c.width(), image.cols() - c.x());
        int h = Math.min(c.height(), image.rows() - c.y());
        if (w < 1 || h < 1) {
            throw new IllegalArgumentException("Pascal VOC: box of '" + c.object().name() + "' lies outside "
                    + voc.image(c.imageId()) + " (" + image.cols() + "×" + image.rows() + ")");
        }
        Mat crop = new Mat(image, new Rect(c.x(), c.y(), w, h)).clone();
        image.close();
        return crop;
    }

    public static ProbeResult evaluate(FeatureExtractor extractor, VocDataset voc, String trainSplit, String testSplit,
                                       LinearProbeConfig config) {
        List<Crop> train = crops(voc, trainSplit);
        List<Crop> test = crops(voc, testSplit);
        LabeledFeatures tr = new LabeledFeatures(features(extractor, voc, train), labels(train), VocClasses.NAMES.size(),
                "VOC " + trainSplit + " crops");
        LabeledFeatures te = new LabeledFeatures(features(extractor, voc, test), labels(test), VocClasses.NAMES.size(),
                "VOC " + testSplit + " crops");
        ProbeResult r = LinearProbe.evaluate(tr, te, config);
        Map<String, Object> settings = new LinkedHashMap<>(r.settings());
        settings.put("task", "Pascal cropped boxes (difficult skipped, truncated kept)");
        settings.put("trainSplit", trainSplit);
        settings.put("testSplit", testSplit);
        settings.put("encoder", extractor.encoder().origin());
        return new ProbeResult("voc-cropped-boxes", r.top1(), r.top5(), r.testSize(), settings);
    }

    private static int[] labels(List<Crop> crops) {
        return crops.stream().mapToInt(c -> c.object().classIndex()).toArray();
    }
}
