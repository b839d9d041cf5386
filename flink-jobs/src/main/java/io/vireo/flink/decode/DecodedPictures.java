package io.vireo.flink.decode;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import io.vireo.flink.record.DecodedFrame;
import io.vireo.ingest.record.VideoChunk;
import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * One chunk's decoded pictures, in presentation order, still in the decoder's pixel format (they
 * hold references to the decoder's buffers), some perhaps already converted while decoding (see
 * {@link SegmentDecoder#decode(VideoChunk, java.util.function.LongPredicate)}). Converting is left
 * to the caller, per picture, so that only the pictures a sampler keeps pay for it. Valid until
 * closed, and only while the {@link SegmentDecoder} that made them is open.
 */
public final class DecodedPictures implements AutoCloseable {

    private final List<AVFrame> pictures;
    /** Per picture, its BGR pixels if converted early and not yet handed out, else null. */
    private final List<byte[]> converted;
    private final long[] ptsMicros;
    private final int rotation;
    private final BgrConverter converter;

    DecodedPictures(List<AVFrame> pictures, List<byte[]> converted, long[] ptsMicros, int rotation,
                    BgrConverter converter) {
        this.pictures = pictures;
        this.converted = converted;
        this.ptsMicros = ptsMicros;
        this.rotation = rotation;
        this.converter = converter;
    }

    public int count() {
        return pictures.size();
    }

    /** Presentation time of picture {@code i} on the source's timeline. */
    public long ptsMicros(int i) {
        return ptsMicros[i];
    }

    /** Picture {@code i} as a display-oriented frame of {@code chunk}'s stream, numbered {@code frameIndex}. */
    public DecodedFrame frame(VideoChunk chunk, long frameIndex, int i) {
        AVFrame picture = pictures.get(i);
        int width = picture.width();
        int height = picture.height();
        // Handed out once: the frame owns its array from here on.
        byte[] early = converted.set(i, null);
        byte[] bgr = BgrImages.rotateClockwise(early != null ? early : converter.convert(picture), width, height,
                rotation);
        boolean swap = rotation == 90 || rotation == 270;
        return new DecodedFrame(chunk.streamId(), chunk.sequence(), frameIndex, ptsMicros[i],
                swap ? height : width, swap ? width : height, bgr);
    }

    @Override
    public void close() {
        pictures.forEach(p -> av_frame_free(p));
        pictures.clear();
        converted.clear();
    }
}
