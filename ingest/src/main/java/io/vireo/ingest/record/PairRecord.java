package io.vireo.ingest.record;

import java.util.Arrays;
import java.util.Objects;

/**
 * A positive pair, as the PairBuilderJob emits it and training reads it: two views of the same
 * stream ({@link Kind#FRAME}) or of the same tracked region ({@link Kind#REGION}), Δt apart,
 * inside one shot. The wire form is the Avro schema {@code PairRecord.avsc} (see
 * {@link PairRecords}); this record is its Java face.
 *
 * @param pairId           deterministic id, the same on every replay of the same input
 * @param streamId         the stream both views come from
 * @param kind             frame-level or region-tracked
 * @param shot             0-based shot index within the stream
 * @param firstPtsMicros   presentation time of view 1
 * @param secondPtsMicros  presentation time of view 2, later than view 1
 * @param firstFrameIndex  decoded-frame index of view 1
 * @param secondFrameIndex decoded-frame index of view 2
 * @param frameWidth       width of the frames the boxes refer to
 * @param frameHeight      height of the frames the boxes refer to
 * @param firstBox         REGION: tracked box at view 1; FRAME: the window the view shows
 * @param secondBox        same for view 2
 * @param tracker          tracker name for REGION pairs, null for FRAME pairs
 * @param confidence       forward-backward IoU for REGION pairs, null for FRAME pairs
 * @param proposalSource   proposer that found the region, null for FRAME pairs
 * @param imageFormat      {@code jpeg} or {@code png}
 * @param viewSize         side of both square views
 * @param firstView        encoded view 1
 * @param secondView       encoded view 2
 */
public record PairRecord(
        String pairId,
        String streamId,
        Kind kind,
        long shot,
        long firstPtsMicros,
        long secondPtsMicros,
        long firstFrameIndex,
        long secondFrameIndex,
        int frameWidth,
        int frameHeight,
        PairBox firstBox,
        PairBox secondBox,
        String tracker,
        Double confidence,
        String proposalSource,
        String imageFormat,
        int viewSize,
        byte[] firstView,
        byte[] secondView) {

    /** The two pair kinds; the Avro enum {@code PairKind} has the same symbols. */
    public enum Kind { FRAME, REGION }

    /** A box in frame pixels: top-left corner and size. */
    public record PairBox(int x, int y, int width, int height) {
    }

    public PairRecord {
        Objects.requireNonNull(pairId, "pairId");
        Objects.requireNonNull(streamId, "streamId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(firstBox, "firstBox");
        Objects.requireNonNull(secondBox, "secondBox");
        Objects.requireNonNull(imageFormat, "imageFormat");
        Objects.requireNonNull(firstView, "firstView");
        Objects.requireNonNull(secondView, "secondView");
        if (secondPtsMicros <= firstPtsMicros) {
            throw new IllegalArgumentException("view 2 must be later than view 1: " + firstPtsMicros + " -> "
                    + secondPtsMicros + " us");
        }
        // Region pairs are only worth training on with their provenance; frame pairs have none.
        if (kind == Kind.REGION && (tracker == null || confidence == null)) {
            throw new IllegalArgumentException("REGION pairs need tracker and confidence");
        }
    }

    public long deltaMicros() {
        return secondPtsMicros - firstPtsMicros;
    }

    // Records compare arrays by identity; pairs are values, so compare the views' bytes.
    @Override
    public boolean equals(Object o) {
        return o instanceof PairRecord p
                && pairId.equals(p.pairId) && streamId.equals(p.streamId) && kind == p.kind && shot == p.shot
                && firstPtsMicros == p.firstPtsMicros && secondPtsMicros == p.secondPtsMicros
                && firstFrameIndex == p.firstFrameIndex && secondFrameIndex == p.secondFrameIndex
                && frameWidth == p.frameWidth && frameHeight == p.frameHeight
                && firstBox.equals(p.firstBox) && secondBox.equals(p.secondBox)
                && Objects.equals(tracker, p.tracker) && Objects.equals(confidence, p.confidence)
                && Objects.equals(proposalSource, p.proposalSource) && imageFormat.equals(p.imageFormat)
                && viewSize == p.viewSize
                && Arrays.equals(firstView, p.firstView) && Arrays.equals(secondView, p.secondView);
    }

    @Override
    public int hashCode() {
        return pairId.hashCode();
    }

    @Override
    public String toString() {
        return "PairRecord[" + pairId + ", " + kind + ", shot " + shot + ", " + firstPtsMicros + "->" + secondPtsMicros
                + "us, " + firstBox + "->" + secondBox + (tracker == null ? "" : ", " + tracker + " " + confidence)
                + ", views " + firstView.length + "+" + secondView.length + " bytes]";
    }
}
