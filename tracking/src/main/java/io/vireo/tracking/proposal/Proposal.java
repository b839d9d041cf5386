package io.vireo.tracking.proposal;

import io.vireo.tracking.geometry.Box;
import java.util.Objects;

/**
 * A candidate region on a frame.
 *
 * @param box    inside the frame
 * @param score  higher is more object-like; comparable only among proposals of the same source
 * @param source the proposer's name, e.g. {@code edges} or {@code motion}, for pair records and counters
 */
public record Proposal(Box box, double score, String source) {

    public Proposal {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(source, "source");
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score must not be NaN");
        }
    }
}
