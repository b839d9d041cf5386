package io.vireo.tracking.proposal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Runs several proposers and merges their proposals with one non-maximum suppression. Scores of
 * different proposers are not comparable, so each proposer's list is first rescaled to (0, 1] by
 * its best score; the merged list then interleaves the proposers' best regions.
 */
public final class CombinedProposer implements RegionProposer {

    private final List<RegionProposer> proposers;
    private final ProposalConfig config;

    public CombinedProposer(List<RegionProposer> proposers, ProposalConfig config) {
        this.proposers = List.copyOf(proposers);
        this.config = Objects.requireNonNull(config, "config");
        if (this.proposers.isEmpty()) {
            throw new IllegalArgumentException("proposers must not be empty");
        }
    }

    /** Edge density and motion, the two cues that need no model. */
    public static CombinedProposer edgesAndMotion(ProposalConfig config) {
        return new CombinedProposer(List.of(new EdgeDensityProposer(config), new MotionProposer(config)), config);
    }

    @Override
    public String name() {
        return "combined";
    }

    @Override
    public List<Proposal> propose(Mat frame) {
        List<Proposal> all = new ArrayList<>();
        for (RegionProposer proposer : proposers) {
            all.addAll(normalised(proposer.propose(frame)));
        }
        return NonMaximumSuppression.apply(all, config.nmsIou(), config.maxProposals());
    }

    @Override
    public List<Proposal> propose(Mat previousFrame, Mat frame) {
        List<Proposal> all = new ArrayList<>();
        for (RegionProposer proposer : proposers) {
            all.addAll(normalised(proposer.propose(previousFrame, frame)));
        }
        return NonMaximumSuppression.apply(all, config.nmsIou(), config.maxProposals());
    }

    private static List<Proposal> normalised(List<Proposal> proposals) {
        double best = proposals.stream().mapToDouble(Proposal::score).max().orElse(1.0);
        if (best <= 0) {
            return proposals;
        }
        return proposals.stream().map(p -> new Proposal(p.box(), p.score() / best, p.source())).toList();
    }
}
