package io.vireo.training.method;

import io.vireo.training.augment.BatchProducer;
import io.vireo.training.config.TrainConfig;
import io.vireo.training.data.PairStream;
import io.vireo.training.objective.Objective;

/**
 * One {@code --method}: which data it trains on, how its objective is built and how its batches are
 * laid out. {@link io.vireo.training.TrainingRun} only calls these four, in this order: validate (at
 * config load), open, objective, batches. Registered in {@link Methods}.
 */
public interface TrainingMethod {
    /** The name configs use ({@code method: …}). */
    String name();

    /**
     * Checks this method's config section(s), that {@code data.kind} can feed it and that the encoder
     * can serve it ({@link io.vireo.training.objective.MethodCompatibility}); throws
     * {@link io.vireo.training.config.ConfigException} naming the key. Builds no networks and reads no data.
     */
    void validate(TrainConfig c);

    /** The data, positioned at its start; its position goes into checkpoints. */
    PairStream open(TrainConfig c);

    /**
     * The data read once in arrival order, for runs that follow a growing source ({@code --follow},
     * {@code --until-caught-up}); a ConfigException for methods or data kinds that cannot.
     */
    PairStream openFollowing(TrainConfig c);

    /** The objective, fresh (a resume restores its state afterwards). */
    Objective objective(TrainConfig c, PairStream data);

    /** Batch b of this method's layout from {@code data} (already positioned at the first batch to make). */
    BatchProducer batches(TrainConfig c, PairStream data);
}
