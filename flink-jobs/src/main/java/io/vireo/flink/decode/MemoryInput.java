package io.vireo.flink.decode;

import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;

import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * An FFmpeg read context over one chunk's bytes, copied once into native memory.
 *
 * <p>The read callback is a single shared, stateless instance: JavaCPP backs each callback object
 * with one of a small, fixed number of native thunks, so one callback per stream would run out
 * with a few dozen streams. The callback finds its input through the {@code opaque} pointer, which
 * points at a native block laid out as {@code [size:int64][position:int64][payload bytes]}.
 */
final class MemoryInput implements AutoCloseable {

    private static final int HEADER_BYTES = 16;
    private static final int IO_BUFFER_BYTES = 64 * 1024;
    private static final ReadFromMemory READ = new ReadFromMemory();

    private final BytePointer block;
    private AVIOContext io;

    MemoryInput(byte[] payload) {
        block = new BytePointer(HEADER_BYTES + (long) payload.length);
        LongPointer header = new LongPointer(block);
        header.put(0, payload.length);
        header.put(1, 0);
        block.position(HEADER_BYTES).put(payload, 0, payload.length).position(0);
        BytePointer ioBuffer = new BytePointer(av_malloc(IO_BUFFER_BYTES));
        // No seek callback: both chunk containers are read front to back, and FFmpeg then
        // treats the input as a stream instead of seeking around it while probing.
        io = avio_alloc_context(ioBuffer, IO_BUFFER_BYTES, 0, block, READ, null, null);
        if (io == null || io.isNull()) {
            av_free(ioBuffer);
            block.close();
            throw new IllegalStateException("avio_alloc_context failed");
        }
    }

    AVIOContext context() {
        return io;
    }

    @Override
    public void close() {
        if (io != null) {
            // FFmpeg may have swapped the buffer for a bigger one; free whatever it holds now.
            av_free(io.buffer());
            avio_context_free(io);
            io = null;
        }
        block.close();
    }

    private static final class ReadFromMemory extends Read_packet_Pointer_BytePointer_int {
        @Override
        public int call(Pointer opaque, BytePointer buffer, int bufferSize) {
            LongPointer header = new LongPointer(opaque);
            long size = header.get(0);
            long position = header.get(1);
            int n = (int) Math.min(bufferSize, size - position);
            if (n <= 0) {
                return AVERROR_EOF;
            }
            Pointer.memcpy(buffer, new BytePointer(opaque).position(HEADER_BYTES + position), n);
            header.put(1, position + n);
            return n;
        }
    }
}
