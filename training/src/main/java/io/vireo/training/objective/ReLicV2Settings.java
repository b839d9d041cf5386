package io.vireo.training.objective;

import io.vireo.training.model.HeadSpec;

/**
 * ReLICv2 hyper-parameters.
 *
 * @param temperature τ of the similarity softmax
 * @param beta        weight of the KL invariance term
 * @param emaBase     γ₀ of the cosine target-EMA schedule (0.996 → 1)
 * @param totalSteps  length of the EMA schedule (the run's step count)
 * @param head        projection head of online and target networks
 * @param sgdMomentum heavy-ball momentum
 * @param weightDecay coupled L2
 */
public record ReLicV2Settings(double temperature, double beta, double emaBase, long totalSteps, HeadSpec head,
                              double sgdMomentum, double weightDecay) {
    public ReLicV2Settings {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("relic.temperature: must be > 0, got " + temperature);
        }
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("relic.beta: must be >= 0, got " + beta);
        }
        if (head == null) {
            throw new IllegalArgumentException("relic.head: must be set");
        }
        new io.vireo.training.optim.EmaSchedule(emaBase, totalSteps); // validates relic.emaBase and steps
        new PretextSettings(sgdMomentum, weightDecay);                 // validates the optimiser keys
    }
}
