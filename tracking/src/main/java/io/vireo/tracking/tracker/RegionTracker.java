package io.vireo.tracking.tracker;

import io.vireo.tracking.geometry.Box;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A single-object tracker: initialised on one frame with a box, then advanced one frame at a
 * time. Frames are BGR 8-bit {@link Mat}s of the same size. Instances hold native memory and
 * are not thread-safe: one instance per track, closed when the track ends.
 */
public interface RegionTracker extends AutoCloseable {

    /** Short stable name written into pair records, e.g. {@code csrt}. */
    String name();

    /**
     * Starts tracking {@code box} on {@code frame}. May be called again to restart on a new target.
     *
     * @throws IllegalArgumentException if the box is empty or does not overlap the frame
     */
    void init(Mat frame, Box box);

    /**
     * Advances to the next frame.
     *
     * @throws IllegalStateException if {@link #init} has not been called
     */
    TrackStep update(Mat frame);

    /** Releases the native tracker; idempotent. */
    @Override
    void close();
}
