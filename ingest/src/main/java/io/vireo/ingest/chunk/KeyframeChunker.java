package io.vireo.ingest.chunk;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_frame_rate;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_network_init;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import io.vireo.ingest.ffmpeg.FfmpegLogs;
import io.vireo.ingest.record.VideoChunk;
import java.io.File;
import java.util.Locale;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.IntPointer;

/**
 * Cuts a video source into keyframe-aligned chunks by remuxing its packets (no re-encode): MPEG-TS
 * segments, or Matroska segments for codecs MPEG-TS cannot carry (VP9, Theora, ...). A chunk is closed at the first keyframe at or after the target duration, so every
 * chunk starts with a keyframe and decodes on its own. Only the best video stream is kept; audio
 * and subtitles are dropped.
 */
public final class KeyframeChunker {

    private static final Set<String> NETWORK_SCHEMES =
            Set.of("rtsp", "rtsps", "rtmp", "http", "https", "udp", "rtp", "srt", "tcp");
    private static final AVRational MICROSECONDS = avutil.av_make_q(1, AV_TIME_BASE);

    static {
        avformat_network_init();
        FfmpegLogs.quiet();
    }

    private final ChunkerOptions options;

    public KeyframeChunker(ChunkerOptions options) {
        this.options = options;
    }

    /** Receives the source position as chunks are closed, for progress output. */
    @FunctionalInterface
    public interface Progress {
        void update(long positionMicros, SourceProbe probe);
    }

    public static boolean isNetworkSource(String source) {
        int colon = source.indexOf("://");
        return colon > 0 && NETWORK_SCHEMES.contains(source.substring(0, colon).toLowerCase(Locale.ROOT));
    }

    /** Where numbering starts, decided once the source's probe is known (bounded files vs live streams). */
    @FunctionalInterface
    public interface SequenceStart {
        long firstSequence(SourceProbe probe);
    }

    public ChunkingResult chunk(String source, String streamId, long firstSequence, ChunkConsumer consumer,
                                Progress progress) throws VideoSourceException, InterruptedException {
        return chunk(source, streamId, probe -> firstSequence, consumer, progress);
    }

    /**
     * Reads {@code source} and hands its chunks, numbered from {@code firstSequence}, to the consumer.
     * A source damaged part-way is not an exception: the chunks before the damage are delivered and
     * {@link ChunkingResult#damage()} says where and why reading stopped.
     *
     * @throws VideoSourceException when the source cannot be opened or has no video, or a chunk is too large
     */
    public ChunkingResult chunk(String source, String streamId, SequenceStart firstSequence, ChunkConsumer consumer,
                                Progress progress) throws VideoSourceException, InterruptedException {
        boolean network = isNetworkSource(source);
        if (!network && !new File(source).isFile()) {
            throw new VideoSourceException(source, "no such file");
        }
        AVFormatContext input = new AVFormatContext(null);
        AVDictionary openOptions = new AVDictionary(null);
        if (network) {
            String micros = Long.toString(options.ioTimeout().toNanos() / 1000);
            av_dict_set(openOptions, "rw_timeout", micros, 0);
            av_dict_set(openOptions, "timeout", micros, 0);
            av_dict_set(openOptions, "rtsp_transport", "tcp", 0);
        }
        int opened = avformat_open_input(input, source, null, openOptions);
        av_dict_free(openOptions);
        if (opened < 0) {
            throw new VideoSourceException(source, (network ? "cannot open stream: " : "not a readable video: ")
                    + FfmpegErrors.describe(opened));
        }
        AVPacket packet = av_packet_alloc();
        try {
            int info = avformat_find_stream_info(input, (AVDictionary) null);
            if (info < 0) {
                throw new VideoSourceException(source, "cannot read stream information: " + FfmpegErrors.describe(info));
            }
            int videoIndex = av_find_best_stream(input, AVMEDIA_TYPE_VIDEO, -1, -1, (AVCodec) null, 0);
            if (videoIndex < 0) {
                throw new VideoSourceException(source, "contains no video stream");
            }
            AVStream video = input.streams(videoIndex);
            SourceProbe probe = probe(input, video);
            return new Run(source, streamId, firstSequence.firstSequence(probe), consumer, progress, input, video, videoIndex, probe, packet).read();
        } finally {
            av_packet_free(packet);
            avformat_close_input(input);
        }
    }

    private static SourceProbe probe(AVFormatContext input, AVStream video) {
        AVCodecParameters parameters = video.codecpar();
        AVRational rate = av_guess_frame_rate(input, video, null);
        double frameRate = rate.den() == 0 ? 0 : rate.num() / (double) rate.den();
        long duration = input.duration() == AV_NOPTS_VALUE ? -1 : input.duration();
        return new SourceProbe(avcodec_get_name(parameters.codec_id()).getString(), parameters.width(),
                parameters.height(), frameRate, rotationOf(parameters), duration);
    }

    /** Clockwise rotation a player applies, as FFmpeg's own CLI derives it from the display matrix. */
    private static int rotationOf(AVCodecParameters parameters) {
        AVPacketSideData matrix = av_packet_side_data_get(parameters.coded_side_data(),
                parameters.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
        if (matrix == null || matrix.isNull() || matrix.size() < 9 * 4) {
            return 0;
        }
        double counterClockwise = av_display_rotation_get(new IntPointer(matrix.data()));
        if (Double.isNaN(counterClockwise)) {
            return 0;
        }
        long quarterTurns = Math.round(-counterClockwise / 90.0);
        return (int) Math.floorMod(quarterTurns * 90, 360);
    }

    /** The state of one pass over a source. */
    private final class Run {
        private final String source;
        private final String streamId;
        private final ChunkConsumer consumer;
        private final Progress progress;
        private final AVFormatContext input;
        private final AVStream video;
        private final int videoIndex;
        private final SourceProbe probe;
        private final AVPacket packet;
        private final AVRational timeBase;
        private final long fallbackFrameDuration;

        private long nextSequence;
            private final String container;
        private SegmentWriter segment;
        private long segmentStart = Long.MAX_VALUE;
        private long segmentEnd = Long.MIN_VALUE;
        private long segmentCutPts;
        private long segmentBytes;
        private int segmentFrames;
        private long chunks;
        private long frames;
        private long bytes;
        private long lastEnd = -1;
        private long leadingSkipped;
        private long expectedNextPts;

        Run(String source, String streamId, long firstSequence, ChunkConsumer consumer, Progress progress,
            AVFormatContext input, AVStream video, int videoIndex, SourceProbe probe, AVPacket packet) {
            this.source = source;
            this.streamId = streamId;
            this.nextSequence = firstSequence;
            this.consumer = consumer;
            this.progress = progress;
            this.input = input;
            this.video = video;
            this.videoIndex = videoIndex;
            this.probe = probe;
            this.packet = packet;
            this.timeBase = video.time_base();
            this.container = SegmentWriter.containerFor(probe.codec());
            this.fallbackFrameDuration = probe.frameRate() > 0
                    ? Math.max(1, Math.round(timeBase.den() / (probe.frameRate() * timeBase.num())))
                    : 1;
        }

        ChunkingResult read() throws VideoSourceException, InterruptedException {
            long targetTicks = av_rescale_q(options.targetDuration().toNanos() / 1000, MICROSECONDS, timeBase);
            String damage = null;
            try {
                int status;
                while ((status = av_read_frame(input, packet)) >= 0) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException("chunking of " + source + " interrupted");
                    }
                    try {
                        if (packet.stream_index() != videoIndex) {
                            continue;
                        }
                        if ((packet.flags() & AV_PKT_FLAG_CORRUPT) != 0) {
                            damage = "corrupt packet at " + seconds(ptsOf(packet));
                            break;
                        }
                        accept(targetTicks);
                    } finally {
                        av_packet_unref(packet);
                    }
                }
                if (damage == null && status != AVERROR_EOF() && probe.bounded()) {
                    damage = "read error after " + seconds(lastEnd) + ": " + FfmpegErrors.describe(status);
                }
                // A live stream has no declared end: going silent past the I/O timeout or closing
                // the connection is how it ends, not damage.
                closeSegment();
            } finally {
                if (segment != null) {
                    segment.close();
                }
            }
            if (damage == null && probe.bounded() && lastEnd >= 0) {
                damage = shortfall();
            }
            if (damage == null && chunks == 0) {
                damage = "no decodable video frames (no keyframe found)";
            }
            return new ChunkingResult(probe, chunks, frames, bytes, lastEnd < 0 ? -1 : micros(lastEnd),
                    leadingSkipped, damage);
        }

        private void accept(long targetTicks) throws VideoSourceException {
            boolean keyframe = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
            long pts = ptsOf(packet);
            // AVI and some raw streams carry only decode timestamps; MPEG-TS needs both. Without
            // B-frames they coincide, which is what FFmpeg's own stream copy assumes too.
            if (packet.pts() == AV_NOPTS_VALUE) {
                packet.pts(pts);
            }
            if (packet.dts() == AV_NOPTS_VALUE) {
                packet.dts(packet.pts());
            }
            if (segment == null && !keyframe) {
                leadingSkipped++;
                return;
            }
            if (segment != null && keyframe && pts - segmentCutPts >= targetTicks) {
                closeSegment();
            }
            if (segment == null) {
                try {
                    segment = new SegmentWriter(container, video.codecpar(), timeBase);
                } catch (IllegalStateException e) {
                    throw new VideoSourceException(source, "cannot remux the " + probe.codec() + " stream into "
                            + container + ": " + e.getMessage(), e);
                }
                segmentCutPts = pts;
            }
            long duration = packet.duration() > 0 ? packet.duration() : fallbackFrameDuration;
            expectedNextPts = pts + duration;
            segmentStart = Math.min(segmentStart, pts);
            segmentEnd = Math.max(segmentEnd, pts + duration);
            segmentBytes += packet.size();
            segmentFrames++;
            if (segmentBytes > options.maxChunkBytes()) {
                throw new ChunkTooLargeException(source, streamId, nextSequence, micros(segmentStart) / 1e6,
                        segmentBytes, options.maxChunkBytes());
            }
            try {
                segment.write(packet);
            } catch (IllegalStateException e) {
                throw new VideoSourceException(source, "cannot remux the " + probe.codec() + " stream into "
                        + container + " at " + seconds(pts) + ": " + e.getMessage(), e);
            }
        }

        private void closeSegment() throws VideoSourceException {
            if (segment == null) {
                return;
            }
            byte[] payload;
            try {
                payload = segment.finish();
            } finally {
                segment.close();
                segment = null;
            }
            if (payload.length > options.maxChunkBytes()) {
                throw new ChunkTooLargeException(source, streamId, nextSequence, micros(segmentStart) / 1e6,
                        payload.length, options.maxChunkBytes());
            }
            VideoChunk chunk = new VideoChunk(streamId, nextSequence, micros(segmentStart),
                    micros(segmentEnd) - micros(segmentStart), container, probe.codec(), probe.width(), probe.height(),
                    probe.frameRate(), probe.rotationDegrees(), segmentFrames, source, payload);
            try {
                consumer.accept(chunk);
            } catch (VideoSourceException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new VideoSourceException(source, "chunk " + nextSequence + " could not be delivered: " + e.getMessage(), e);
            }
            nextSequence++;
            chunks++;
            frames += segmentFrames;
            bytes += payload.length;
            lastEnd = segmentEnd;
            if (progress != null) {
                progress.update(micros(segmentEnd) - startMicros(), probe);
            }
            segmentStart = Long.MAX_VALUE;
            segmentEnd = Long.MIN_VALUE;
            segmentBytes = 0;
            segmentFrames = 0;
        }

        /** A bounded source that ends well before its declared duration has lost its tail. */
        private String shortfall() {
            long reached = micros(lastEnd) - startMicros();
            long frameMicros = probe.frameRate() > 0 ? Math.round(1e6 / probe.frameRate()) : 40_000;
            long tolerance = Math.max(250_000, 3 * frameMicros);
            if (reached + tolerance < probe.durationMicros()) {
                return String.format(Locale.ROOT, "stream ends at %.3f s of its declared %.3f s (truncated file?)",
                        reached / 1e6, probe.durationMicros() / 1e6);
            }
            return null;
        }

        private long startMicros() {
            return input.start_time() == AV_NOPTS_VALUE ? 0 : input.start_time();
        }

        private long ptsOf(AVPacket p) {
            long pts = p.pts() != AV_NOPTS_VALUE ? p.pts() : p.dts();
            return pts == AV_NOPTS_VALUE ? expectedNextPts : pts;
        }

        private long micros(long ticks) {
            return av_rescale_q(ticks, timeBase, MICROSECONDS);
        }

        private String seconds(long ticks) {
            return ticks < 0 ? "0 s" : String.format(Locale.ROOT, "%.3f s", micros(ticks) / 1e6);
        }
    }
}
