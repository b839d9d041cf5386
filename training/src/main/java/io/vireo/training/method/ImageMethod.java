package io.vireo.training.method;

import java.util.function.Consumer;
import java.util.function.Function;

import io.vireo.training.augment.BatchProducer;
import io.vireo.training.augment.ImageBatches;
import io.vireo.training.config.ConfigException;
import io.vireo.training.config.TrainConfig;
import io.vireo.training.data.ImageSource;
import io.vireo.training.data.PairStream;
import io.vireo.training.data.ShuffledImageStream;
import io.vireo.training.objective.Objective;

/**
 * A method that trains on images (synthetic or an image folder) and builds its own views: ReLICv2,
 * the pretext tasks, Exemplar, PIRL, supervised. Data order: {@link ShuffledImageStream}'s epochs.
 *
 * @param name      the config name
 * @param check     method-specific validation (its config section, MethodCompatibility)
 * @param objective builds the objective for a source (dataset size, class names)
 * @param layout    the method's batch layout, given the config
 */
record ImageMethod(String name, Consumer<TrainConfig> check, ObjectiveFactory objective,
                   Function<TrainConfig, ImageBatches.Layout> layout) implements TrainingMethod {

    @FunctionalInterface
    interface ObjectiveFactory {
        Objective build(TrainConfig c, ImageSource source);
    }

    @Override
    public void validate(TrainConfig c) {
        DataSources.requireImages(name, c);
        check.accept(c);
    }

    @Override
    public PairStream open(TrainConfig c) {
        return new ShuffledImageStream(DataSources.images(c), c.seed());
    }

    @Override
    public PairStream openFollowing(TrainConfig c) {
        throw new ConfigException("method: '" + name + "' trains on images, which do not grow; following a source "
                + "(--follow, --until-caught-up) needs a method that trains on pairs (moco-v2, video-*)");
    }

    @Override
    public Objective objective(TrainConfig c, PairStream data) {
        try {
            return objective.build(c, images(data).source());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    @Override
    public BatchProducer batches(TrainConfig c, PairStream data) {
        return new ImageBatches(images(data), c.batchSize(), c.seed(), layout.apply(c));
    }

    private ShuffledImageStream images(PairStream data) {
        if (data instanceof ShuffledImageStream s) {
            return s;
        }
        throw new IllegalStateException("method '" + name + "' was given " + data.getClass().getSimpleName()
                + ", not the image stream it opened");
    }
}
