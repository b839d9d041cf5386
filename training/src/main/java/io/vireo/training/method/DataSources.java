package io.vireo.training.method;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.vireo.ingest.record.PairRecord;
import io.vireo.training.config.ConfigException;
import io.vireo.training.config.TrainConfig;
import io.vireo.training.data.ImageFolderSource;
import io.vireo.training.data.ImageSource;
import io.vireo.training.data.KafkaPairStream;
import io.vireo.training.data.PairStream;
import io.vireo.training.data.ParquetPairStream;
import io.vireo.training.data.ParquetShardFollower;
import io.vireo.training.data.SyntheticShapesSource;

/** Opens the {@code data.*} source a method asks for, and checks that {@code data.kind} is one it can read. */
final class DataSources {
    static final List<String> IMAGE_KINDS = List.of("synthetic", "image-folder");
    static final List<String> PAIR_KINDS = List.of("parquet", "kafka");
    /** A broker that was just started may take a few seconds to answer metadata requests. */
    private static final Duration KAFKA_METADATA_TIMEOUT = Duration.ofSeconds(30);

    private DataSources() {
    }

    static boolean isImages(TrainConfig c) {
        return IMAGE_KINDS.contains(c.data().kind());
    }

    /** Methods that augment single images cannot train on pair records (they have no image to draw their own views from). */
    static void requireImages(String method, TrainConfig c) {
        if (!isImages(c)) {
            throw new ConfigException("data.kind: method '" + method + "' trains on images (data.kind " + IMAGE_KINDS
                    + "), not on '" + c.data().kind() + "' pair records");
        }
    }

    /** The video methods' positives are the pair builder's pairs; an image source has none. */
    static void requirePairs(String method, TrainConfig c) {
        if (!PAIR_KINDS.contains(c.data().kind())) {
            throw new ConfigException("data.kind: method '" + method + "' trains on the pair builder's video pairs "
                    + "(data.kind " + PAIR_KINDS + "), not on '" + c.data().kind() + "' images");
        }
    }

    static ImageSource images(TrainConfig c) {
        try {
            return switch (c.data().kind()) {
                case "synthetic" -> new SyntheticShapesSource(c.data().images(), c.data().classes(), c.data().imageSize(),
                        c.data().colours(), c.seed());
                case "image-folder" -> new ImageFolderSource(Path.of(c.data().path()));
                default -> throw new ConfigException("data.kind: '" + c.data().kind() + "' is not an image source");
            };
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e); // sources name the data.* key they reject
        }
    }

    /** The pair records of {@code kinds}, read once in arrival order: what continuous and scheduled runs train on. */
    static PairStream following(TrainConfig c, Set<PairRecord.Kind> kinds) {
        try {
            return switch (c.data().kind()) {
                case "parquet" -> new ParquetShardFollower(Path.of(c.data().path()), c.seed(), kinds);
                case "kafka" -> new KafkaPairStream(c.data().bootstrap(), c.data().topic(), KAFKA_METADATA_TIMEOUT, kinds);
                default -> throw new ConfigException("data.kind: following a source (--follow, --until-caught-up) needs one "
                        + "that grows, kafka or parquet, not '" + c.data().kind() + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** The pair records of {@code kinds} from the Parquet shards or the Kafka topic. */
    static PairStream pairs(TrainConfig c, Set<PairRecord.Kind> kinds) {
        try {
            return switch (c.data().kind()) {
                case "parquet" -> new ParquetPairStream(Path.of(c.data().path()), c.seed(), kinds);
                case "kafka" -> new KafkaPairStream(c.data().bootstrap(), c.data().topic(), KAFKA_METADATA_TIMEOUT, kinds);
                default -> throw new ConfigException("data.kind: '" + c.data().kind() + "' is not a pair source");
            };
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }
}
