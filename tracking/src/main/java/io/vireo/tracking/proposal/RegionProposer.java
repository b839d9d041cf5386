package io.vireo.tracking.proposal;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Finds regions worth tracking on a BGR 8-bit frame, without labels. Implementations are
 * stateless apart from their configuration and may be shared across threads.
 */
public interface RegionProposer {

    /** Short name written into {@link Proposal#source()}. */
    String name();

    /** Proposals from this frame alone, best first, at most {@link ProposalConfig#maxProposals()}. */
    List<Proposal> propose(Mat frame);

    /**
     * Proposals that may also use the frame before ({@code previousFrame}, same size); proposers
     * that look at one frame only ignore it.
     */
    default List<Proposal> propose(Mat previousFrame, Mat frame) {
        return propose(frame);
    }
}
