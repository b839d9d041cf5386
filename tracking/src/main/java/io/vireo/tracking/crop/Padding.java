package io.vireo.tracking.crop;

/** What a crop does where its window reaches past the frame edge. */
public enum Padding {
    /** Repeat the edge pixels outward: no hard artificial edge for the encoder to latch onto. */
    REPLICATE,
    /** Fill with black: honest about missing pixels, but adds a straight edge. */
    BLACK,
    /**
     * Move (and if needed shrink) the window so it lies inside the frame: only real pixels, at the
     * cost of the region no longer being centred.
     */
    SHIFT_INSIDE
}
