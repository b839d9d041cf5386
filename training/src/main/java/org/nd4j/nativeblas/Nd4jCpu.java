package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Stand-in for the class DL4J 1.0.0-M2.1 still looks up before it creates any oneDNN layer helper.
 *
 * <p>{@code BaseMKLDNNHelper.mklDnnEnabled()} reflects on {@code org.nd4j.nativeblas.Nd4jCpu$Environment}
 * ({@code getInstance()}, {@code isUseMKLDNN()}), but M2.1 moved the generated bindings to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu} and renamed the flag to {@code isUseONEDNN()}.
 * The failed lookup is swallowed and latched, so every Conv/BN/Pool helper silently stays null and
 * training runs ~4.6x slower (DESIGN.md, ND4J row). This class restores the old name and forwards
 * to the real flag, so the answer still comes from the loaded native library.
 *
 * <p>Reflection (not a direct reference) keeps the module compiling under the {@code cuda} profile,
 * where the CPU bindings are not on the classpath; there the answer is simply {@code false}.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** Mirrors the pre-M2.1 {@code Nd4jCpu.Environment} surface that DL4J reflects on. */
    public static final class Environment {
        private static final String REAL_ENVIRONMENT =
                "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

        private final Object real;
        private final Method isUseOneDnn;

        private Environment(Object real, Method isUseOneDnn) {
            this.real = real;
            this.isUseOneDnn = isUseOneDnn;
        }

        /** Called reflectively by DL4J; resolves the real native singleton each time (it is cheap). */
        public static Environment getInstance() {
            try {
                Class<?> cls = Class.forName(REAL_ENVIRONMENT, true, Nd4jCpu.class.getClassLoader());
                Object instance = cls.getMethod("getInstance").invoke(null);
                return new Environment(instance, cls.getMethod("isUseONEDNN"));
            } catch (ClassNotFoundException e) {
                // Not the CPU backend (e.g. the cuda profile): oneDNN helpers do not apply.
                return new Environment(null, null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("ND4J CPU bindings changed shape: " + REAL_ENVIRONMENT, e);
            }
        }

        /** DL4J's name for the flag; the value is the native library's {@code isUseONEDNN()}. */
        public boolean isUseMKLDNN() {
            if (real == null) {
                return false;
            }
            try {
                return (Boolean) isUseOneDnn.invoke(real);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot query " + REAL_ENVIRONMENT + ".isUseONEDNN()", e);
            }
        }
    }
}
