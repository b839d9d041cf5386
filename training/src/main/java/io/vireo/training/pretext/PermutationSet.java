package io.vireo.training.pretext;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fixed set of permutations of the 9 jigsaw tiles, chosen for maximal Hamming distance (Noroozi &amp;
 * Favaro 2016): permutations that are far apart make the classes distinguishable and force the
 * network to look at every tile. Greedy max-min selection over all 9! permutations: start from a
 * random permutation, then repeatedly add the one whose distance to its nearest chosen permutation is
 * largest (ties broken by the seeded generator). Deterministic for a given (size, seed).
 */
public final class PermutationSet {
    public static final int TILES = 9;
    /** Largest set {@link #maximalHamming} builds (the greedy search is quadratic in it). */
    public static final int MAX_SIZE = 1000;

    private final int[][] permutations;
    private final int minDistance;

    private PermutationSet(int[][] permutations) {
        this.permutations = permutations;
        this.minDistance = minPairwiseDistance(permutations);
    }

    public static PermutationSet maximalHamming(int size, long seed) {
        if (size < 2 || size > MAX_SIZE) {
            throw new IllegalArgumentException("jigsaw.permutations: must be in [2, " + MAX_SIZE + "], got " + size);
        }
        byte[] all = allPermutations();
        int count = all.length / TILES;
        int[] nearest = new int[count];
        java.util.Arrays.fill(nearest, Integer.MAX_VALUE);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<int[]> chosen = new ArrayList<>();
        int next = rnd.nextInt(count);
        while (true) {
            chosen.add(row(all, next));
            nearest[next] = -1; // never pick again
            if (chosen.size() == size) {
                break;
            }
            int best = -1;
            int ties = 0;
            for (int p = 0; p < count; p++) {
                if (nearest[p] < 0) {
                    continue;
                }
                int d = hamming(all, p, next);
                if (d < nearest[p]) {
                    nearest[p] = d;
                }
                if (best < 0 || nearest[p] > nearest[best]) {
                    best = p;
                    ties = 1;
                } else if (nearest[p] == nearest[best] && rnd.nextInt(++ties) == 0) {
                    best = p; // reservoir sampling among equally good candidates
                }
            }
            next = best;
        }
        return new PermutationSet(chosen.toArray(int[][]::new));
    }

    public int size() {
        return permutations.length;
    }

    /** Permutation i: output position j shows tile permutation(i)[j]. A copy. */
    public int[] permutation(int i) {
        return permutations[i].clone();
    }

    /** Smallest Hamming distance between two permutations of the set. */
    public int minDistance() {
        return minDistance;
    }

    static int minPairwiseDistance(int[][] perms) {
        int min = Integer.MAX_VALUE;
        for (int a = 0; a < perms.length; a++) {
            for (int b = a + 1; b < perms.length; b++) {
                int d = 0;
                for (int j = 0; j < TILES; j++) {
                    d += perms[a][j] != perms[b][j] ? 1 : 0;
                }
                min = Math.min(min, d);
            }
        }
        return min;
    }

    private static int hamming(byte[] all, int p, int q) {
        int d = 0;
        for (int j = 0; j < TILES; j++) {
            d += all[p * TILES + j] != all[q * TILES + j] ? 1 : 0;
        }
        return d;
    }

    private static int[] row(byte[] all, int p) {
        int[] r = new int[TILES];
        for (int j = 0; j < TILES; j++) {
            r[j] = all[p * TILES + j];
        }
        return r;
    }

    /** All 9! permutations in lexicographic order, flattened. */
    private static byte[] allPermutations() {
        int count = 1;
        for (int i = 2; i <= TILES; i++) {
            count *= i;
        }
        byte[] out = new byte[count * TILES];
        byte[] p = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        for (int k = 0; k < count; k++) {
            System.arraycopy(p, 0, out, k * TILES, TILES);
            nextPermutation(p);
        }
        return out;
    }

    private static void nextPermutation(byte[] p) {
        int i = p.length - 2;
        while (i >= 0 && p[i] >= p[i + 1]) {
            i--;
        }
        if (i < 0) {
            return;
        }
        int j = p.length - 1;
        while (p[j] <= p[i]) {
            j--;
        }
        byte t = p[i];
        p[i] = p[j];
        p[j] = t;
        for (int a = i + 1, b = p.length - 1; a < b; a++, b--) {
            t = p[a];
            p[a] = p[b];
            p[b] = t;
        }
    }
}
