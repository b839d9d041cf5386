package io.vireo.training.method;

import java.util.EnumSet;
import java.util.Set;

import io.vireo.ingest.record.PairRecord.Kind;
import io.vireo.training.augment.BatchProducer;
import io.vireo.training.augment.PairBatches;
import io.vireo.training.config.ConfigException;
import io.vireo.training.config.TrainConfig;
import io.vireo.training.data.MixedPairStream;
import io.vireo.training.data.PairStream;
import io.vireo.training.data.ShuffledImageStream;
import io.vireo.training.objective.MocoV2;
import io.vireo.training.objective.Objective;

/**
 * The methods trained with the MoCo v2 machinery (queue, momentum key encoder, InfoNCE, the MoCo v2
 * augmentations on each view); they differ only in where the two views of a positive come from:
 * <ul>
 * <li>{@code moco-v2}: two augmentations of one image (image sources), or the two views of any pair record;
 * <li>{@code video-frame} / {@code video-region}: the pair builder's frame-level / region-tracked pairs
 * (Parquet shards or the Kafka topic), filtered by kind;
 * <li>{@code video-mixed}: both kinds, a pair being region-tracked with probability {@code video.regionShare}.
 * </ul>
 */
final class MocoMethod implements TrainingMethod {
    static final String VIDEO_FRAME = "video-frame";
    static final String VIDEO_REGION = "video-region";
    static final String VIDEO_MIXED = "video-mixed";

    private final String name;
    /** Pair kinds trained on; null for moco-v2, which reads whatever the source holds. */
    private final Set<Kind> kinds;

    private MocoMethod(String name, Set<Kind> kinds) {
        this.name = name;
        this.kinds = kinds;
    }

    static MocoMethod mocoV2() {
        return new MocoMethod(MocoV2.METHOD, null);
    }

    static MocoMethod videoFrame() {
        return new MocoMethod(VIDEO_FRAME, EnumSet.of(Kind.FRAME));
    }

    static MocoMethod videoRegion() {
        return new MocoMethod(VIDEO_REGION, EnumSet.of(Kind.REGION));
    }

    static MocoMethod videoMixed() {
        return new MocoMethod(VIDEO_MIXED, EnumSet.allOf(Kind.class));
    }

    @Override
    public String name() {
        return name;
    }

    private boolean video() {
        return kinds != null;
    }

    @Override
    public void validate(TrainConfig c) {
        if (video()) {
            DataSources.requirePairs(name, c);
        }
        if (name.equals(VIDEO_MIXED)) {
            c.regionShare();
        }
        c.validateMoco();
    }

    @Override
    public PairStream open(TrainConfig c) {
        if (!video()) {
            return DataSources.isImages(c) ? new ShuffledImageStream(DataSources.images(c), c.seed())
                    : DataSources.pairs(c, EnumSet.allOf(Kind.class));
        }
        if (!name.equals(VIDEO_MIXED)) {
            return DataSources.pairs(c, kinds);
        }
        PairStream frames = DataSources.pairs(c, EnumSet.of(Kind.FRAME));
        try {
            return new MixedPairStream(frames, DataSources.pairs(c, EnumSet.of(Kind.REGION)), c.regionShare(), c.seed());
        } catch (RuntimeException e) {
            frames.close();
            throw e;
        }
    }

    /** Following a source: one reader per kind of a mix would each wait on its own, so video-mixed cannot. */
    @Override
    public PairStream openFollowing(TrainConfig c) {
        if (name.equals(VIDEO_MIXED)) {
            throw new ConfigException("method: 'video-mixed' cannot follow a growing source (--follow, --until-caught-up); "
                    + "use video-frame, video-region or moco-v2");
        }
        return DataSources.following(c, video() ? kinds : EnumSet.allOf(Kind.class));
    }

    @Override
    public Objective objective(TrainConfig c, PairStream data) {
        try {
            return new MocoV2(name, c.encoderSpec(), c.mocoSettings(), c.seed(), data.datasetSize());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    @Override
    public BatchProducer batches(TrainConfig c, PairStream data) {
        return new PairBatches(data, c.viewAugment(c.model().inputSize()), c.batchSize(), c.seed());
    }
}
