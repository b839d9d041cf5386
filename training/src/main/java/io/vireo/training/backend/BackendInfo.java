package io.vireo.training.backend;

/**
 * What the ND4J backend turned out to be after bootstrap.
 *
 * @param backend        ND4J's own name ("CPU" or "CUDA")
 * @param oneDnn         whether the loaded native library was built with, and uses, oneDNN
 * @param helpersEnabled whether DL4J will create layer helpers (oneDNN on CPU, cuDNN on CUDA)
 * @param blasVendor     BLAS library ND4J reports (OpenBLAS/MKL/CUBLAS)
 * @param threads        ops threads the native library will use
 */
public record BackendInfo(String backend, boolean oneDnn, boolean helpersEnabled, String blasVendor, int threads) {
}
