package io.vireo.tracking.proposal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy non-maximum suppression over proposals (tens to a few hundred per frame, so O(n²) is fine). */
public final class NonMaximumSuppression {

    private NonMaximumSuppression() {
    }

    /**
     * Keeps proposals best-first, dropping any whose IoU with an already kept one exceeds
     * {@code maxIou}, until {@code maxKept} are kept.
     */
    public static List<Proposal> apply(List<Proposal> proposals, double maxIou, int maxKept) {
        List<Proposal> sorted = new ArrayList<>(proposals);
        sorted.sort(Comparator.comparingDouble(Proposal::score).reversed());
        List<Proposal> kept = new ArrayList<>();
        for (Proposal candidate : sorted) {
            if (kept.size() >= maxKept) {
                break;
            }
            boolean overlaps = false;
            for (Proposal k : kept) {
                if (k.box().iou(candidate.box()) > maxIou) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(candidate);
            }
        }
        return List.copyOf(kept);
    }
}
