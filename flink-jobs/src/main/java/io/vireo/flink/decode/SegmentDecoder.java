package io.vireo.flink.decode;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_input_format;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_move_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import io.vireo.flink.record.DecodedFrame;
import io.vireo.ingest.record.VideoChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Decodes one stream's chunks (MPEG-TS or Matroska segments, from memory) with FFmpeg. Plain
 * Java, no Flink: {@link ChunkDecoder} adds state, sampling, metrics and error routing around it.
 * One instance per stream, used from one thread; {@link #close()} frees the native decoder.
 *
 * <p>The codec context and its threads live across chunks: every chunk starts at a keyframe, so
 * the decoder is drained and flushed at the end of each one instead of being torn down and
 * opened again (thread start-up and stream probing cost about a tenth of the decode time of a
 * 2 s chunk). After a chunk that fails, it is opened afresh.
 *
 * <p>A chunk decodes all or nothing: {@link #decode} returns its pictures only once all of them
 * are out, so a chunk that breaks half way yields an error and no frames rather than a truncated
 * run of possibly concealment-damaged pictures. Pictures stay in the decoder's own format until
 * {@link DecodedPictures#frame} converts the ones a caller keeps: conversion to BGR (with the copy
 * into a Java array) costs about half as much again as decoding, and sampling usually keeps a
 * fraction of the frames.
 *
 * <p>When to convert matters as much as what: after the chunk is decoded, conversion runs alone on
 * the calling thread while the decoder's threads wait, and on two cores that serial tail cost up to
 * a fifth of the decoder's throughput. So a caller can name the pictures it will likely keep (see
 * {@link #decode(VideoChunk, LongPredicate)}), and those are converted as they leave the decoder,
 * on a conversion thread of the decoder's own, while FFmpeg's frame threads decode the next ones:
 * the FFmpeg CLI overlaps its conversion with decoding the same way, on its filter thread. Not on
 * the calling thread: with frame threading one decoding thread waits for the caller's next packet
 * whenever the caller is not blocked inside FFmpeg, so any work done there stalls decoding.
 */
public final class SegmentDecoder implements AutoCloseable {

    private static final AVRational MICROSECONDS = av_make_q(1, 1_000_000);

    private final int threads;
    /** For conversions on the calling thread. */
    private final BgrConverter converter = new BgrConverter();
    /** For conversions on {@link #conversions}, which owns it. */
    private final BgrConverter earlyConverter = new BgrConverter();
    /** The conversion thread, started with the first early conversion. */
    private ExecutorService conversions;
    private AVCodecContext codec;
    /** Codec id and container the open {@link #codec} was set up for. */
    private int codecId = -1;
    private String container;

    /** @param threads FFmpeg decoding threads */
    public SegmentDecoder(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    /**
     * @return the chunk's pictures in presentation order, not yet converted; never empty. The
     *         caller closes them.
     * @throws ChunkDecodeException if the payload does not open as video in its declared container, decoding fails,
     *                              or fewer frames come out than the chunk's header announces
     */
    public DecodedPictures decode(VideoChunk chunk) throws ChunkDecodeException {
        return decode(chunk, ptsMicros -> false);
    }

    /**
     * As {@link #decode(VideoChunk)}, converting early the pictures {@code likelyKept} accepts.
     *
     * @param likelyKept asked once per picture, in presentation order, with the time
     *                   {@link DecodedPictures#ptsMicros} will report for it, while later pictures
     *                   are still decoding. Those times are only known early while the decoder's
     *                   times are present and increase; from the first picture where they are not
     *                   (B-frames remuxed from AVI, see {@link #presentationTimes}), it is no longer
     *                   asked for the rest of the chunk. A wrong answer costs time, never pixels: a
     *                   conversion does not depend on the picture's time.
     */
    public DecodedPictures decode(VideoChunk chunk, LongPredicate likelyKept) throws ChunkDecodeException {
        int rotation;
        try {
            rotation = BgrImages.normalizeRotation(chunk.rotationDegrees());
        } catch (IllegalArgumentException e) {
            throw new ChunkDecodeException(e.getMessage());
        }
        List<AVFrame> pictures = new ArrayList<>(Math.max(chunk.frameCount(), 1));
        List<Long> times = new ArrayList<>(Math.max(chunk.frameCount(), 1));
        List<Future<byte[]>> converted = new ArrayList<>(Math.max(chunk.frameCount(), 1));
        EarlyConversion early = new EarlyConversion(chunk.firstPtsMicros(), likelyKept);
        boolean complete = false;
        try (MemoryInput input = new MemoryInput(chunk.payload())) {
            demuxAndDecode(chunk, input, pictures, times, early, converted);
            if (pictures.isEmpty()) {
                throw new ChunkDecodeException("no frame decoded from " + chunk.payload().length + " bytes");
            }
            if (pictures.size() < chunk.frameCount()) {
                throw new ChunkDecodeException("decoded " + pictures.size() + " frames, the chunk header announces "
                        + chunk.frameCount() + " (truncated or damaged payload)");
            }
            complete = true;
            return new DecodedPictures(pictures, converted, presentationTimes(chunk, times), rotation, converter);
        } catch (RuntimeException e) {
            throw new ChunkDecodeException("cannot decode chunk: " + e.getMessage(), e);
        } finally {
            if (!complete) {
                DecodedPictures.awaitAll(converted); // they read the pictures freed below
                pictures.forEach(p -> av_frame_free(p));
                closeCodec(); // the decoder may be left mid-picture; the next chunk gets a fresh one
            }
        }
    }

    /** As {@link #decode(VideoChunk)}, every picture converted, numbered from {@code firstFrameIndex}. */
    public List<DecodedFrame> decode(VideoChunk chunk, long firstFrameIndex) throws ChunkDecodeException {
        try (DecodedPictures pictures = decode(chunk, ptsMicros -> true)) {
            List<DecodedFrame> frames = new ArrayList<>(pictures.count());
            for (int i = 0; i < pictures.count(); i++) {
                frames.add(pictures.frame(chunk, firstFrameIndex + i, i));
            }
            return frames;
        }
    }

    private void demuxAndDecode(VideoChunk chunk, MemoryInput input, List<AVFrame> pictures, List<Long> times,
                                EarlyConversion early, List<Future<byte[]>> converted) throws ChunkDecodeException {
        AVInputFormat format = av_find_input_format(chunk.container());
        if (format == null) {
            throw new ChunkDecodeException("unknown container '" + chunk.container() + "'");
        }
        AVFormatContext demuxer = avformat_alloc_context();
        demuxer.pb(input.context());
        AVDictionary options = new AVDictionary(null);
        // A chunk is a couple of seconds: probing more than its first packets only delays.
        av_dict_set(options, "probesize", "65536", 0);
        int ret = avformat_open_input(demuxer, (String) null, format, options);
        av_dict_free(options);
        if (ret < 0) {
            // avformat_open_input frees the context it was given when it fails.
            throw new ChunkDecodeException("payload does not open as " + chunk.container() + " (error " + ret + ")");
        }
        AVPacket packet = av_packet_alloc();
        AVFrame picture = av_frame_alloc();
        try {
            AVStream stream = videoStream(demuxer);
            ensureCodec(stream.codecpar(), chunk.container());
            AVRational timeBase = stream.time_base();
            while (av_read_frame(demuxer, packet) >= 0) {
                if (packet.stream_index() == stream.index()) {
                    // Packet-level errors are tolerated as the FFmpeg CLI does; a picture that never
                    // comes out shows up in the frame count check. EAGAIN means "take pictures out
                    // first", and the packet has to be sent again.
                    int sent;
                    do {
                        sent = avcodec_send_packet(codec, packet);
                        receive(picture, timeBase, pictures, times, early, converted);
                    } while (sent == AVERROR_EAGAIN());
                }
                av_packet_unref(packet);
            }
            avcodec_send_packet(codec, null); // drain: the frames still in the reorder buffer come out
            receive(picture, timeBase, pictures, times, early, converted);
            avcodec_flush_buffers(codec); // back to a state that accepts the next chunk's keyframe
        } finally {
            av_frame_free(picture);
            av_packet_free(packet);
            avformat_close_input(demuxer);
        }
    }

    private AVStream videoStream(AVFormatContext demuxer) throws ChunkDecodeException {
        AVStream found = null;
        for (int i = 0; i < demuxer.nb_streams() && found == null; i++) {
            AVStream s = demuxer.streams(i);
            if (s.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
                found = s;
            }
        }
        if (found == null || found.codecpar().codec_id() == 0) {
            // Containers without codec ids in their header need the probe the fast path skips.
            if (avformat_find_stream_info(demuxer, (AVDictionary) null) < 0) {
                throw new ChunkDecodeException("no video stream in the payload");
            }
            for (int i = 0; i < demuxer.nb_streams() && (found == null || found.codecpar().codec_id() == 0); i++) {
                AVStream s = demuxer.streams(i);
                if (s.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
                    found = s;
                }
            }
        }
        if (found == null || found.codecpar().codec_id() == 0) {
            throw new ChunkDecodeException("no video stream in the payload");
        }
        return found;
    }

    private void ensureCodec(AVCodecParameters parameters, String chunkContainer) throws ChunkDecodeException {
        if (codec != null && parameters.codec_id() == codecId && chunkContainer.equals(container)) {
            return;
        }
        closeCodec();
        AVCodec decoder = avcodec_find_decoder(parameters.codec_id());
        if (decoder == null) {
            throw new ChunkDecodeException("no decoder for codec id " + parameters.codec_id());
        }
        AVCodecContext context = avcodec_alloc_context3(decoder);
        if (avcodec_parameters_to_context(context, parameters) < 0) {
            avcodec_free_context(context);
            throw new ChunkDecodeException("cannot use the stream's codec parameters");
        }
        context.thread_count(threads);
        int ret = avcodec_open2(context, decoder, (AVDictionary) null);
        if (ret < 0) {
            avcodec_free_context(context);
            throw new ChunkDecodeException("cannot open the decoder (error " + ret + ")");
        }
        codec = context;
        codecId = parameters.codec_id();
        container = chunkContainer;
    }

    private void receive(AVFrame picture, AVRational timeBase, List<AVFrame> pictures, List<Long> times,
                         EarlyConversion early, List<Future<byte[]>> converted) {
        int ret;
        while ((ret = avcodec_receive_frame(codec, picture)) >= 0) {
            long pts = picture.best_effort_timestamp();
            long micros = pts == AV_NOPTS_VALUE ? Long.MIN_VALUE : av_rescale_q(pts, timeBase, MICROSECONDS);
            times.add(micros);
            // Move the reference out, so the next picture is received into an empty frame.
            AVFrame kept = av_frame_alloc();
            av_frame_move_ref(kept, picture);
            pictures.add(kept);
            converted.add(early.wanted(micros) ? conversions().submit(() -> earlyConverter.convert(kept)) : null);
        }
        if (ret != AVERROR_EAGAIN() && ret != AVERROR_EOF) {
            av_frame_unref(picture);
        }
    }

    /**
     * The TS muxer shifts timestamps by its own offset; anchoring on the header's first PTS puts
     * frames back on the source's timeline, as the chunker measured it. AVI stores one timestamp
     * per packet, in decoding order; remuxed, a stream with B-frames carries those as presentation
     * times, so frames leave the decoder in display order (which is right) stamped with
     * decode-order times (which are not), e.g. 0, 42, 125, 167, 83 ms. The set of times is right,
     * only their order is not: the sorted times are handed out in output order.
     */
    static long[] presentationTimes(VideoChunk chunk, List<Long> decoderTimes) {
        long spacing = Math.max(1, chunk.durationMicros() / Math.max(1, decoderTimes.size()));
        long[] times = new long[decoderTimes.size()];
        boolean increasing = true;
        for (int i = 0; i < times.length; i++) {
            long t = decoderTimes.get(i);
            // A picture without any timestamp continues from the previous one at the nominal spacing.
            times[i] = t != Long.MIN_VALUE ? t : i == 0 ? 0 : times[i - 1] + spacing;
            increasing &= i == 0 || times[i] > times[i - 1];
        }
        long first = times.length == 0 ? 0 : times[0];
        for (int i = 0; i < times.length; i++) {
            times[i] = chunk.firstPtsMicros() + (times[i] - first);
        }
        if (!increasing) {
            Arrays.sort(times);
        }
        return times;
    }

    /**
     * The early guess at a chunk's presentation times: {@link #presentationTimes} anchors the
     * decoder's times on the chunk's first PTS, which is exact picture by picture as long as the
     * times are present and increase (no sorting, no gap filling that needs the final count).
     */
    private static final class EarlyConversion {
        private final long firstPtsMicros;
        private final LongPredicate likelyKept;
        private long firstDecoderMicros = Long.MIN_VALUE;
        private long lastDecoderMicros = Long.MIN_VALUE;
        private boolean guessing = true;

        EarlyConversion(long firstPtsMicros, LongPredicate likelyKept) {
            this.firstPtsMicros = firstPtsMicros;
            this.likelyKept = likelyKept;
        }

        /** @param decoderMicros the next picture's decoder time, {@link Long#MIN_VALUE} if it has none */
        boolean wanted(long decoderMicros) {
            guessing &= decoderMicros != Long.MIN_VALUE
                    && (lastDecoderMicros == Long.MIN_VALUE || decoderMicros > lastDecoderMicros);
            if (!guessing) {
                return false;
            }
            if (firstDecoderMicros == Long.MIN_VALUE) {
                firstDecoderMicros = decoderMicros;
            }
            lastDecoderMicros = decoderMicros;
            return likelyKept.test(firstPtsMicros + (decoderMicros - firstDecoderMicros));
        }
    }

    private ExecutorService conversions() {
        if (conversions == null) {
            conversions = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "vireo-bgr-conversion");
                thread.setDaemon(true);
                return thread;
            });
        }
        return conversions;
    }

    private void closeCodec() {
        if (codec != null) {
            avcodec_free_context(codec);
            codec = null;
            codecId = -1;
            container = null;
        }
    }

    @Override
    public void close() {
        closeCodec();
        converter.close();
        if (conversions != null) {
            // Pending conversions belong to pictures their owner has already closed (and awaited).
            conversions.shutdown();
            try {
                conversions.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            conversions = null;
        }
        earlyConverter.close();
    }
}
