package io.vireo.training.objective;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import io.vireo.training.augment.Batch;
import io.vireo.training.model.Arch;
import io.vireo.training.model.EncoderSpec;
import io.vireo.training.model.ResNetVersion;
import io.vireo.training.optim.LearningRateSchedule;

/** Shared settings and bookkeeping of the short objective runs (tiny ResNet-18 ×0.25). */
final class ShortRuns {
    static EncoderSpec tiny(int size) {
        return new EncoderSpec(Arch.RESNET18, ResNetVersion.V1, 0.25, size, 3);
    }

    /** Runs {@code steps} steps on batches from {@code batches}; returns the per-step losses. */
    static List<Double> run(Objective o, LongFunction<Batch> batches, int steps, double lr) {
        return run(o, batches, new LearningRateSchedule(lr, 0, steps, lr));
    }

    /** Runs {@code schedule.totalSteps()} steps, the learning rate from {@code schedule}; returns the per-step losses. */
    static List<Double> run(Objective o, LongFunction<Batch> batches, LearningRateSchedule schedule) {
        List<Double> losses = new ArrayList<>();
        for (int s = 0; s < schedule.totalSteps(); s++) {
            double loss = o.step(batches.apply(s), schedule.at(s), s).loss();
            if (!Double.isFinite(loss)) {
                throw new AssertionError("loss is " + loss + " at step " + s);
            }
            losses.add(loss);
        }
        return losses;
    }

    static double mean(List<Double> xs, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += xs.get(i);
        }
        return s / (to - from);
    }

    static double accuracy(int[] predicted, int[] labels) {
        int hits = 0;
        for (int i = 0; i < labels.length; i++) {
            hits += predicted[i] == labels[i] ? 1 : 0;
        }
        return hits / (double) labels.length;
    }

    private ShortRuns() {
    }
}
