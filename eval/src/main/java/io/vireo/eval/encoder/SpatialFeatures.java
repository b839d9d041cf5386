package io.vireo.eval.encoder;

import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.augment.MocoV2Augment;
import io.vireo.training.model.ResNetGraphs;

/**
 * The last stage's feature map (the input of the global pooling that makes the pre-logits), for
 * dense tasks: the pre-logits at every location instead of their average.
 */
public final class SpatialFeatures {

    /** One image's map: D channels on an h×w grid, value (c, y, x) at {@code values[(c·h + y)·w + x]}. */
    public record Map(int channels, int height, int width, float[] values) {
        /** Bilinear sample of channel values at map coordinates (x, y), clamped to the grid (align_corners = false convention). */
        public void sample(double x, double y, float[] out) {
            double cx = Math.max(0, Math.min(width - 1, x));
            double cy = Math.max(0, Math.min(height - 1, y));
            int x0 = (int) Math.floor(cx);
            int y0 = (int) Math.floor(cy);
            int x1 = Math.min(width - 1, x0 + 1);
            int y1 = Math.min(height - 1, y0 + 1);
            double ax = cx - x0;
            double ay = cy - y0;
            for (int c = 0; c < channels; c++) {
                int base = c * height * width;
                double top = values[base + y0 * width + x0] * (1 - ax) + values[base + y0 * width + x1] * ax;
                double bottom = values[base + y1 * width + x0] * (1 - ax) + values[base + y1 * width + x1] * ax;
                out[c] = (float) (top * (1 - ay) + bottom * ay);
            }
        }

        /** Map coordinate of the centre of pixel {@code p} of an image side of {@code n} pixels covered by {@code cells} cells. */
        public static double toMap(int p, int n, int cells) {
            return (p + 0.5) * cells / n - 0.5;
        }
    }

    private final Encoder encoder;
    private final MocoV2Augment transform;
    private final String mapVertex;

    public SpatialFeatures(Encoder encoder) {
        this.encoder = encoder;
        this.transform = MocoV2Augment.mocoV2(encoder.spec().inputSize());
        List<String> inputs = encoder.graph().getConfiguration().getVertexInputs().get(ResNetGraphs.FEATURES);
        if (inputs == null || inputs.size() != 1) {
            throw new IllegalArgumentException(encoder.origin() + ": graph has no single input to its '"
                    + ResNetGraphs.FEATURES + "' vertex");
        }
        this.mapVertex = inputs.get(0);
    }

    /** Feature maps of images (BGR 8-bit, any size), each resized whole to the encoder's input size. */
    public Map[] maps(List<Mat> images) {
        int s = encoder.spec().inputSize();
        int per = 3 * s * s;
        float[] pixels = new float[images.size() * per];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(transform.evalTransform(images.get(i)), 0, pixels, i * per, per);
        }
        INDArray out = encoder.graph().feedForward(Nd4j.create(pixels, new long[] {images.size(), 3, s, s}, 'c'), false)
                .get(mapVertex).castTo(DataType.FLOAT).dup('c');
        int d = (int) out.size(1);
        int h = (int) out.size(2);
        int w = (int) out.size(3);
        float[] all = out.data().asFloat();
        Map[] maps = new Map[images.size()];
        for (int i = 0; i < maps.length; i++) {
            maps[i] = new Map(d, h, w, java.util.Arrays.copyOfRange(all, i * d * h * w, (i + 1) * d * h * w));
        }
        return maps;
    }
}
