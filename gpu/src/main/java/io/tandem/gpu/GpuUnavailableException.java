package io.tandem.gpu;

import io.tandem.TandemException;

import java.io.Serial;

/**
 * A GPU was asked for ({@link Gpu#gpu()}) where there is none; the message says why (no {@code libcuda.so.1},
 * no device, the driver failed to start) and that {@link Gpu#best()} or {@link Gpu#cpu()} run the same code
 * on the CPU.
 */
public final class GpuUnavailableException extends TandemException {
    @Serial
    private static final long serialVersionUID = 1L;

    public GpuUnavailableException(String message) {
        super(message);
    }
}
