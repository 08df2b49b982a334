package io.tandem.gpu;

import io.tandem.TandemException;

import java.io.Serial;

/**
 * A CUDA driver call that failed: the error's name ({@code CUDA_ERROR_OUT_OF_MEMORY}), its number, the
 * call ({@code cuMemAlloc_v2}) and, for a module that would not load, the JIT compiler's log.
 *
 * <p>Thread safety: immutable.
 */
public final class CudaException extends TandemException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int code;
    private final String errorName;

    public CudaException(String call, int code, String errorName, String detail) {
        super(call + " failed: " + errorName + " (" + code + ")" + (detail == null || detail.isBlank() ? "" : ": " + detail));
        this.call = call;
        this.code = code;
        this.errorName = errorName;
    }

    /** The driver function that failed, e.g. {@code cuModuleLoadDataEx}. */
    public String call() {
        return call;
    }

    /** The {@code CUresult}. */
    public int code() {
        return code;
    }

    /** {@code cuGetErrorName} of the result, e.g. {@code CUDA_ERROR_INVALID_PTX}. */
    public String errorName() {
        return errorName;
    }
}
