package io.vireo.flink.decode;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import io.vireo.flink.record.DecodedFrame;
import io.vireo.ingest.record.VideoChunk;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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
    /** Per picture, its BGR pixels if converted early (perhaps still converting) and not yet handed out, else null. */
    private final List<Future<byte[]>> converted;
    private final long[] ptsMicros;
    private final int rotation;
    private final BgrConverter converter;

    DecodedPictures(List<AVFrame> pictures, List<Future<byte[]>> converted, long[] ptsMicros, int rotation,
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
        Future<byte[]> early = converted.set(i, null);
        byte[] bgr = BgrImages.rotateClockwise(early != null ? await(early) : converter.convert(picture), width, height,
                rotation);
        boolean swap = rotation == 90 || rotation == 270;
        return new DecodedFrame(chunk.streamId(), chunk.sequence(), frameIndex, ptsMicros[i],
                swap ? height : width, swap ? width : height, bgr);
    }

    @Override
    public void close() {
        awaitAll(converted); // an unfinished conversion still reads its picture
        converted.clear();
        pictures.forEach(p -> av_frame_free(p));
        pictures.clear();
    }

    private static byte[] await(Future<byte[]> conversion) {
        try {
            return conversion.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while converting a picture", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Waits for every conversion to end, whatever its outcome. */
    static void awaitAll(List<Future<byte[]>> conversions) {
        boolean interrupted = false;
        for (Future<byte[]> conversion : conversions) {
            while (conversion != null) {
                try {
                    conversion.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the pictures must outlive their conversions: wait on
                } catch (ExecutionException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
