package io.vireo.training.model;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * "Width k, memory permitting": refuses an encoder whose parameters alone cannot fit the off-heap
 * memory ND4J may allocate, before anything is allocated, with an error naming the width. Activations
 * come on top (they scale with batch and input size) and are not estimated here.
 */
public final class ParameterBudget {
    /** Float copies of the parameters an EMA/momentum method holds: online weights, gradients, SGD velocity, EMA copy. */
    public static final int TRAINING_COPIES = 4;

    private ParameterBudget() {
    }

    /** Parameters (BN running statistics included, as DL4J stores them) of the encoder and optional head; allocates nothing. */
    public static long count(EncoderSpec spec, HeadSpec head) {
        return count(ResNetGraphs.configure(spec, head, 0, DataType.FLOAT, false));
    }

    static long count(ComputationGraphConfiguration conf) {
        long n = 0;
        for (GraphVertex v : conf.getVertices().values()) {
            n += v.numParams(true);
        }
        return n;
    }

    /** Throws if {@code copies} float32 copies of the encoder's (and head's) parameters exceed {@link #budgetBytes()}. */
    public static void require(EncoderSpec spec, HeadSpec head, int copies) {
        require(spec, count(spec, head), copies, DataType.FLOAT);
    }

    static void require(EncoderSpec spec, long params, int copies, DataType dataType) {
        long need = params * dataType.width() * copies;
        long budget = budgetBytes();
        if (need > budget) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "width: %s makes %s at %d px %.2f G parameters; %d %s copies need %.1f GB but this process may hold"
                            + " only %.1f GB besides its heap (RAM, or -Dorg.bytedeco.javacpp.maxphysicalbytes minus -Xmx);"
                            + " use a smaller width",
                    fmt(spec.width()), spec.arch().configName(), spec.inputSize(), params / 1e9, copies,
                    dataType.name().toLowerCase(Locale.ROOT), need / 1e9, budget / 1e9));
        }
    }

    /**
     * What the process may hold besides the Java heap: JavaCPP's limit on the resident size
     * ({@code maxphysicalbytes}, by default 4 × -Xmx; ND4J's buffers are not counted in JavaCPP's
     * {@code maxbytes}, but any allocation fails once the resident size passes this) minus the heap,
     * and never more than the machine's RAM.
     */
    public static long budgetBytes() {
        long ram = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        long max = Pointer.maxPhysicalBytes();
        return max > 0 ? Math.min(ram, max - Runtime.getRuntime().maxMemory()) : ram;
    }

    private static String fmt(double width) {
        return width == Math.rint(width) ? Long.toString((long) width) : Double.toString(width);
    }
}
