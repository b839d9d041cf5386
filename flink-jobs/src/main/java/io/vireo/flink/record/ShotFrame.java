package io.vireo.flink.record;

import java.util.Objects;

/**
 * A sampled frame tagged with the shot it belongs to. Pair builders only ever pair frames of the
 * same shot, so the tag is all they need to never span a cut.
 *
 * @param frame the frame
 * @param shot  0-based shot index within the frame's stream; increases by one at every cut
 */
public record ShotFrame(DecodedFrame frame, long shot) {

    public ShotFrame {
        Objects.requireNonNull(frame, "frame");
        if (shot < 0) {
            throw new IllegalArgumentException("shot must be >= 0, got " + shot);
        }
    }

    public String streamId() {
        return frame.streamId();
    }

    public long ptsMicros() {
        return frame.ptsMicros();
    }

    public long frameIndex() {
        return frame.frameIndex();
    }
}
