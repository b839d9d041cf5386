package io.vireo.ingest.chunk;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_close_dyn_buf;
import static org.bytedeco.ffmpeg.global.avformat.avio_open_dyn_buf;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_free;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.BytePointer;

/**
 * Remuxes the packets of one chunk into an in-memory container segment, without re-encoding.
 * For MPEG-TS the muxer inserts the H.264/HEVC Annex-B conversion (and with it the parameter sets
 * before each keyframe) by itself; Matroska carries the codec header in every segment. Either way
 * each segment decodes on its own.
 */
final class SegmentWriter implements AutoCloseable {

    public static final String MPEG_TS = "mpegts";
    public static final String MATROSKA = "matroska";

    /**
     * Codecs with an MPEG-TS stream type that FFmpeg's demuxer maps back to the codec unchanged.
     * MPEG-4 Part 2 is left out on purpose: AVI files pack B-frames DivX-style, and the TS
     * demuxer's parser splits those packets, so a chunk would decode to more frames than it holds.
     */
    private static final java.util.Set<String> TS_CODECS =
            java.util.Set.of("h264", "hevc", "mpeg1video", "mpeg2video", "vc1", "cavs", "dirac");

    /** MPEG-TS where it can carry the codec (the format every player and Flink decoder expects), else Matroska. */
    static String containerFor(String codec) {
        return TS_CODECS.contains(codec) ? MPEG_TS : MATROSKA;
    }

    private final AVFormatContext output;
    private final AVStream stream;
    private final AVRational inputTimeBase;
    private boolean finished;

    SegmentWriter(String container, AVCodecParameters codecParameters, AVRational inputTimeBase) {
        this.inputTimeBase = inputTimeBase;
        output = new AVFormatContext(null);
        check(avformat_alloc_output_context2(output, null, container, null), "allocate the " + container + " muxer");
        stream = avformat_new_stream(output, null);
        if (stream == null) {
            avformat_free_context(output);
            throw new IllegalStateException("FFmpeg could not add a stream to the MPEG-TS muxer");
        }
        check(avcodec_parameters_copy(stream.codecpar(), codecParameters), "copy codec parameters");
        stream.codecpar().codec_tag(0);
        stream.time_base(inputTimeBase);
        AVIOContext buffer = new AVIOContext(null);
        check(avio_open_dyn_buf(buffer), "open an in-memory output buffer");
        output.pb(buffer);
        // Keep the source's timestamps: a reassembled stream then has one continuous timeline.
        AVDictionary options = new AVDictionary(null);
        if (container.equals(MPEG_TS)) {
            av_dict_set(options, "mpegts_copyts", "1", 0);
        }
        try {
            check(avformat_write_header(output, options), "write the " + container + " header");
        } finally {
            av_dict_free(options);
        }
    }

    /** Writes one packet; the packet's timestamps are rescaled in place, the caller still owns it. */
    void write(AVPacket packet) {
        packet.stream_index(0);
        packet.pos(-1);
        av_packet_rescale_ts(packet, inputTimeBase, stream.time_base());
        check(av_write_frame(output, packet), "write a packet");
    }

    /** Flushes the muxer and returns the segment's bytes. */
    byte[] finish() {
        check(av_write_trailer(output), "write the container trailer");
        finished = true;
        return drainBuffer();
    }

    private byte[] drainBuffer() {
        BytePointer data = new BytePointer((BytePointer) null);
        int size = avio_close_dyn_buf(output.pb(), data);
        output.pb(null);
        try {
            byte[] bytes = new byte[Math.max(size, 0)];
            if (size > 0) {
                data.get(bytes);
            }
            return bytes;
        } finally {
            av_free(data);
        }
    }

    @Override
    public void close() {
        if (!finished && output.pb() != null) {
            drainBuffer();
        }
        avformat_free_context(output);
    }

    private static void check(int result, String what) {
        if (result < 0) {
            throw new IllegalStateException("FFmpeg could not " + what + ": " + FfmpegErrors.describe(result));
        }
    }
}
