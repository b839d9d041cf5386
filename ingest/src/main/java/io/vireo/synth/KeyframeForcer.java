package io.vireo.synth;

import java.lang.reflect.Field;
import java.util.Optional;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests an IDR frame at chosen frames. FFmpeg's libopenh264 wrapper forces an intra frame when the
 * input AVFrame has {@code pict_type = I}, but JavaCV 1.5.14's recorder neither exposes its AVFrame nor
 * maps {@code Frame.keyFrame} onto it, so the field is reached by reflection. If a future JavaCV renames
 * it, cuts simply lose their extra keyframe (the GOP cadence stays) and a warning says so.
 */
final class KeyframeForcer {

    private static final Logger LOG = LoggerFactory.getLogger(KeyframeForcer.class);
    private static final String PICTURE_FIELD = "picture";

    private final FFmpegFrameRecorder recorder;
    private final Field pictureField;

    private KeyframeForcer(FFmpegFrameRecorder recorder, Field pictureField) {
        this.recorder = recorder;
        this.pictureField = pictureField;
    }

    /** Empty if this JavaCV version has no reachable picture field. */
    static Optional<KeyframeForcer> forRecorder(FFmpegFrameRecorder recorder) {
        try {
            Field field = FFmpegFrameRecorder.class.getDeclaredField(PICTURE_FIELD);
            field.setAccessible(true);
            return Optional.of(new KeyframeForcer(recorder, field));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot force keyframes at shot cuts ({}: {}); keyframes follow the GOP only",
                    FFmpegFrameRecorder.class.getName() + "." + PICTURE_FIELD, e.toString());
            return Optional.empty();
        }
    }

    /** Marks the next encoded frame as intra ({@code true}) or leaves the choice to the encoder ({@code false}). */
    void requestKeyframe(boolean keyframe) {
        try {
            AVFrame picture = (AVFrame) pictureField.get(recorder);
            if (picture != null) {
                picture.pict_type(keyframe ? avutil.AV_PICTURE_TYPE_I : avutil.AV_PICTURE_TYPE_NONE);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("field " + PICTURE_FIELD + " became inaccessible", e);
        }
    }
}
