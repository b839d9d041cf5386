package io.vireo.cli;

import java.nio.file.Path;

import io.vireo.eval.encoder.Encoder;
import io.vireo.eval.encoder.EncoderLoader;
import io.vireo.training.model.Arch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.ResNetVersion;
import picocli.CommandLine.Option;

/** Which encoder {@code vireo eval} measures: a training checkpoint, or a random initialisation (the baseline). */
final class EvalEncoderOptions {

    @Option(names = "--checkpoint", description = "Training checkpoint (checkpoint.zip); its architecture is read from it.")
    Path checkpoint;

    @Option(names = "--random-init", description = "Measure a randomly initialised encoder instead (the baseline).")
    boolean randomInit;

    @Option(names = "--arch", defaultValue = "resnet18", description = "With --random-init: resnet18 | resnet50 | revnet50 | vgg19-bn (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--resnet-version", defaultValue = "v1", description = "With --random-init: v1 | v2; revnet50 is v2 only, vgg19-bn v1 only (default: ${DEFAULT-VALUE}).")
    String version;

    @Option(names = "--width", defaultValue = "1.0", description = "With --random-init: width multiplier (default: ${DEFAULT-VALUE}).")
    double width;

    @Option(names = "--input-size", defaultValue = "64", description = "With --random-init: input side in pixels (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "--seed", defaultValue = "42", description = "With --random-init: initialisation seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--batch-size", defaultValue = "64", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    Encoder load() {
        if ((checkpoint == null) == !randomInit) {
            throw new IllegalArgumentException("give exactly one of --checkpoint FILE and --random-init");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        if (checkpoint != null) {
            return EncoderLoader.checkpoint(checkpoint, 0);
        }
        EncoderSpec spec;
        try {
            spec = new EncoderSpec(Arch.parse(arch), ResNetVersion.parse(version), width, inputSize, 3);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage().replaceFirst("^version:", "resnet-version:").replaceFirst("^inputSize", "input-size");
            throw new IllegalArgumentException("--" + m, e);
        }
        return EncoderLoader.random(spec, seed);
    }
}
