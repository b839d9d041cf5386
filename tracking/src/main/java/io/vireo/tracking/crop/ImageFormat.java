package io.vireo.tracking.crop;

/** Encodings for crops in pair records. */
public enum ImageFormat {
    /** Lossy, about ten times smaller; the default for training pairs. */
    JPEG(".jpg"),
    /** Lossless; for evaluation sets and tests that compare pixels. */
    PNG(".png");

    private final String extension;

    ImageFormat(String extension) {
        this.extension = extension;
    }

    /** The file extension OpenCV's {@code imencode} selects the codec by. */
    public String extension() {
        return extension;
    }
}
