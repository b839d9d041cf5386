package io.vireo.flink.testing;

import io.vireo.flink.record.DecodedFrame;
import io.vireo.synth.RgbImage;
import io.vireo.synth.SynthVideo;
import java.util.ArrayList;
import java.util.List;

/** Raw synthetic frames (exact ground truth, no codec loss) as the decoder would hand them on. */
public final class SynthFrames {

    private SynthFrames() {
    }

    /** Every {@code step}-th frame of the video as a {@link DecodedFrame} of {@code stream}; frameIndex = synth index. */
    public static List<DecodedFrame> decoded(SynthVideo video, String stream, int step) {
        double fps = video.truth().video().fps();
        List<DecodedFrame> out = new ArrayList<>();
        for (int i = 0; i < video.frames().size(); i += step) {
            out.add(toDecoded(video.frames().get(i), stream, i, Math.round(i * 1e6 / fps)));
        }
        return out;
    }

    static DecodedFrame toDecoded(RgbImage image, String stream, long index, long ptsMicros) {
        byte[] rgb = image.copyOfPixels();
        // RGB to BGR in place: swap the first and third byte of every pixel.
        for (int i = 0; i < rgb.length; i += 3) {
            byte r = rgb[i];
            rgb[i] = rgb[i + 2];
            rgb[i + 2] = r;
        }
        return new DecodedFrame(stream, 0, index, ptsMicros, image.width(), image.height(), rgb);
    }
}
