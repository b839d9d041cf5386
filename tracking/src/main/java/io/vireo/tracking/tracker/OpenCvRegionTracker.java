package io.vireo.tracking.tracker;

import io.vireo.tracking.geometry.Box;
import io.vireo.tracking.image.Frames;
import java.util.Objects;
import java.util.function.Supplier;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_video.Tracker;

/**
 * Shared plumbing for trackers built on {@code cv::Tracker}: frame checks, Box/Rect conversion
 * through one reused native Rect, and release of the native object.
 *
 * <p>A fresh native tracker is created on every {@link #init}, so nothing learned about a
 * previous target can carry into the next track, whatever a given OpenCV version does on
 * re-init; creation costs far less than one update.
 */
public abstract class OpenCvRegionTracker implements RegionTracker {

    private final String name;
    private final Supplier<? extends Tracker> factory;
    private final Rect scratch = new Rect();
    private Tracker tracker;
    private int frameWidth;
    private int frameHeight;
    private boolean closed;

    protected OpenCvRegionTracker(String name, Supplier<? extends Tracker> factory) {
        this.name = Objects.requireNonNull(name, "name");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(Mat frame, Box box) {
        ensureOpen();
        Frames.requireBgr8(frame, "frame");
        Objects.requireNonNull(box, "box");
        if (box.isEmpty()) {
            throw new IllegalArgumentException("box must not be empty, got " + box);
        }
        // Trackers sample features around the box; a box reaching outside the frame makes some
        // of them (KCF) read out of bounds or throw, so they only ever see the visible part.
        Box visible = box.clipTo(frame.cols(), frame.rows());
        if (visible.isEmpty()) {
            throw new IllegalArgumentException("box " + box + " does not overlap the "
                    + frame.cols() + "x" + frame.rows() + " frame");
        }
        releaseTracker();
        tracker = factory.get();
        frameWidth = frame.cols();
        frameHeight = frame.rows();
        tracker.init(frame, visible.writeTo(scratch));
    }

    @Override
    public TrackStep update(Mat frame) {
        ensureOpen();
        if (tracker == null) {
            throw new IllegalStateException(name + " tracker: update before init");
        }
        Frames.requireBgr8(frame, "frame");
        if (frame.cols() != frameWidth || frame.rows() != frameHeight) {
            throw new IllegalArgumentException("frame size changed from " + frameWidth + "x" + frameHeight
                    + " to " + frame.cols() + "x" + frame.rows());
        }
        boolean success = tracker.update(frame, scratch);
        return new TrackStep(success, Box.fromRect(scratch));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            releaseTracker();
            scratch.close();
        }
    }

    private void releaseTracker() {
        if (tracker != null) {
            tracker.close();
            tracker = null;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(name + " tracker is closed");
        }
    }
}
