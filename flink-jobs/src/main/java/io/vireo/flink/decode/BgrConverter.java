package io.vireo.flink.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.swscale.SWS_POINT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts decoded pictures to packed, unpadded BGR24 at their own size. Keeps its swscale
 * context and output buffer between pictures: both depend only on size and pixel format, which
 * stay the same for a stream's life. Not thread-safe; one per decoder.
 */
final class BgrConverter implements AutoCloseable {

    private SwsContext context;
    private BytePointer output;
    private final PointerPointer<BytePointer> outputPlanes = new PointerPointer<>(1);
    private final IntPointer outputStrides = new IntPointer(1);

    /** @return {@code picture.width() * picture.height() * 3} bytes, row-major from the top-left */
    byte[] convert(AVFrame picture) {
        int width = picture.width();
        int height = picture.height();
        // Same size in and out: swscale takes its unscaled fast paths, and the filter choice is moot.
        context = sws_getCachedContext(context, width, height, picture.format(), width, height, AV_PIX_FMT_BGR24,
                SWS_POINT, null, null, (DoublePointer) null);
        if (context == null) {
            throw new IllegalStateException("swscale cannot convert pixel format " + picture.format() + " to BGR24");
        }
        long bytes = (long) width * height * 3;
        if (output == null || output.capacity() < bytes) {
            if (output != null) {
                output.close();
            }
            output = new BytePointer(bytes);
            outputPlanes.put(0, output);
        }
        outputStrides.put(0, width * 3);
        sws_scale(context, picture.data(), picture.linesize(), 0, height, outputPlanes, outputStrides);
        byte[] bgr = new byte[(int) bytes];
        output.position(0).get(bgr);
        return bgr;
    }

    @Override
    public void close() {
        if (context != null) {
            sws_freeContext(context);
            context = null;
        }
        if (output != null) {
            output.close();
            output = null;
        }
        outputPlanes.close();
        outputStrides.close();
    }
}
