package io.vireo.bench;

import java.util.Arrays;

/** Repeated wall-clock measurements of one task; the median is what is reported. */
public final class Timings {

    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    private Timings() {
    }

    /** Runs the task {@code warmups} times unmeasured, then {@code runs} times; returns the median seconds. */
    public static double medianSeconds(int warmups, int runs, Task task) throws Exception {
        for (int i = 0; i < warmups; i++) {
            task.run();
        }
        double[] seconds = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            task.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return median(seconds);
    }

    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
