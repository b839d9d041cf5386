package io.vireo.training.objective;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import io.vireo.training.loss.InfoNce;

/**
 * PIRL's memory bank: one unit vector per dataset image, a running average of that image's
 * representation (Wu et al. 2018; PIRL uses momentum 0.5): m_i ← normalise(μ·m_i + (1−μ)·x̂_i).
 * Negatives are rows drawn uniformly from the other images. Starts as random unit vectors.
 */
public final class MemoryBank {
    private final INDArray entries;

    public MemoryBank(int size, int dim, long seed) {
        if (size < 2) {
            throw new IllegalArgumentException("pirl.bankSize: the memory bank needs >= 2 images (the dataset size), got " + size);
        }
        if (dim < 1) {
            throw new IllegalArgumentException("pirl.dim: must be >= 1, got " + dim);
        }
        // A local generator: the bank's initial state must not depend on who else used Nd4j's global RNG.
        SplittableRandom r = new SplittableRandom(seed);
        float[] init = new float[size * dim];
        for (int i = 0; i < init.length; i++) {
            init[i] = (float) gaussian(r);
        }
        this.entries = InfoNce.normalizeRows(Nd4j.create(init, new long[] {size, dim}, 'c'));
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    public int size() {
        return (int) entries.size(0);
    }

    public int dim() {
        return (int) entries.size(1);
    }

    /** Copies of rows {@code indices}, in that order. */
    public INDArray rows(int[] indices) {
        checkIndices(indices);
        return Nd4j.pullRows(entries, 1, indices);
    }

    /** Running-average update of rows {@code indices} with the network outputs (normalised here). */
    public void update(int[] indices, INDArray outputs, double momentum) {
        checkIndices(indices);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("pirl.bankMomentum: must be in [0, 1), got " + momentum);
        }
        if (outputs.size(0) != indices.length || outputs.size(1) != dim()) {
            throw new IllegalArgumentException("memory bank update: " + Arrays.toString(outputs.shape()) + " for "
                    + indices.length + " indices of dim " + dim());
        }
        INDArray fresh = InfoNce.normalizeRows(outputs.castTo(entries.dataType()));
        INDArray mixed = InfoNce.normalizeRows(rows(indices).muli(momentum).addi(fresh.muli(1 - momentum)));
        for (int i = 0; i < indices.length; i++) {
            entries.getRow(indices[i]).assign(mixed.getRow(i));
        }
    }

    /**
     * {@code k} rows drawn uniformly (with replacement) from images not in {@code exclude}, so an
     * image of the batch is never its own negative.
     */
    public INDArray sampleNegatives(int k, int[] exclude, SplittableRandom rnd) {
        if (k < 1) {
            throw new IllegalArgumentException("pirl.negatives: must be >= 1, got " + k);
        }
        boolean[] banned = new boolean[size()];
        int bannedCount = 0;
        for (int e : exclude) {
            if (!banned[e]) {
                banned[e] = true;
                bannedCount++;
            }
        }
        if (bannedCount >= size()) {
            throw new IllegalArgumentException("pirl.negatives: every image of the bank is in the batch; none left to sample");
        }
        int[] picks = new int[k];
        for (int i = 0; i < k; i++) {
            int j;
            do {
                j = rnd.nextInt(size());
            } while (banned[j]);
            picks[i] = j;
        }
        return Nd4j.pullRows(entries, 1, picks);
    }

    /** The live entries (for checkpoints). */
    public INDArray entries() {
        return entries;
    }

    public void restore(INDArray saved) {
        if (!Arrays.equals(saved.shape(), entries.shape())) {
            throw new IllegalArgumentException("memory bank shape " + Arrays.toString(saved.shape()) + " does not match "
                    + Arrays.toString(entries.shape()));
        }
        entries.assign(saved);
    }

    private void checkIndices(int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("memory bank index " + i + " outside [0, " + size() + ")");
            }
        }
    }

    DataType dataType() {
        return entries.dataType();
    }
}
