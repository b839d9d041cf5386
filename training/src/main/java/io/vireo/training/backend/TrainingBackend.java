package io.vireo.training.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Bootstraps ND4J/DL4J the way Vireo needs it. Every entry point that builds networks calls
 * {@link #initialise()} first.
 */
public final class TrainingBackend {
    /** DL4J 1.0.0-M2.1 defaults this to "true", which disables every oneDNN/cuDNN layer helper. */
    public static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    private TrainingBackend() {
    }

    /**
     * Enables DL4J layer helpers and loads the backend. Must run before the first DL4J layer is
     * instantiated: DL4J reads the property when a layer creates its helper, and latches a failed
     * oneDNN check for the life of the JVM. An explicit user setting of the property wins, so
     * helpers can still be switched off for A/B numerical comparisons.
     */
    public static BackendInfo initialise() {
        checkNativeBuildMatchesCpu();
        if (System.getProperty(HELPERS_DISABLE_PROPERTY) == null) {
            System.setProperty(HELPERS_DISABLE_PROPERTY, "false");
        }
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = String.valueOf(env.getProperty("backend"));
        boolean helpers = !Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE_PROPERTY))
                && Nd4j.getEnvironment().helpersAllowed();
        boolean oneDnn = "CPU".equalsIgnoreCase(backend)
                && org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN();
        String blas = String.valueOf(env.getOrDefault("blas.vendor", "unknown"));
        int threads = Integer.parseInt(String.valueOf(env.getOrDefault("omp.threads", "0")));
        return new BackendInfo(backend, oneDnn, helpers, blas, threads);
    }

    /**
     * One OpenBLAS thread for training. Convolutions run on oneDNN's OpenMP threads; OpenBLAS serves only the
     * head's and the loss's small matrix products, and with two threads of its own it spun in
     * {@code sched_yield} against OpenMP's on the two cores: the ResNet-18 MoCo v2 step measured 0.93–0.94 s
     * with one BLAS thread against 1.00–1.07 s with two (bench/NOTES.md). Process-wide, so the trainer sets it
     * once at start; evaluation (large probe products) keeps OpenBLAS's default.
     */
    public static void singleBlasThreadForTraining() {
        if ("CPU".equalsIgnoreCase(String.valueOf(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend")))) {
            Nd4j.factory().blas().setMaxThreads(1);
        }
    }

    private static final String AVX512_NATIVES =
            "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn-avx512/libnd4jcpu.so";

    /**
     * The AVX-512 ND4J build executes AVX-512 instructions in a static initialiser of
     * libnd4jcpu.so, so on a CPU without AVX-512F the JVM dies with SIGILL inside System.load —
     * no exception, no hint. Detect that combination first and fail with a message that says which
     * Maven property to change.
     */
    static void checkNativeBuildMatchesCpu() {
        if (TrainingBackend.class.getClassLoader().getResource(AVX512_NATIVES) == null) {
            return;
        }
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return;
        }
        String flags;
        try {
            flags = Files.readString(cpuinfo).toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return; // cannot tell; let the loader try
        }
        if (!flags.contains("avx512f")) {
            throw new IllegalStateException("nd4j-native natives 'linux-x86_64-onednn-avx512' are on the classpath "
                    + "but this CPU has no AVX-512F (/proc/cpuinfo); loading them would crash the JVM with SIGILL. "
                    + "Build with -Dnd4j.native.classifier=linux-x86_64-onednn-avx2 (the default).");
        }
    }
}
