package io.tandem.gpu.internal;

import io.tandem.gpu.internal.lang.Elementwise;
import io.tandem.gpu.internal.lang.Reduction;

/**
 * What a device does with checked kernels. {@code args} are the kernel's arguments in parameter order
 * (inputs, then outputs for an elementwise kernel): this backend's arrays or boxed scalars, already checked
 * for type, device and length {@code n}. Compiled code is cached per backend by the kernel's key and which
 * inputs are scalars. Thread-safe.
 */
public interface Backend {
    void elementwise(Elementwise k, boolean[] scalar, Object[] args, long n);

    /** Runs the reduction and returns the output's raw bits (see {@code CpuReduction}). */
    long reduce(Reduction r, boolean[] scalar, Object[] args, long n);
}
