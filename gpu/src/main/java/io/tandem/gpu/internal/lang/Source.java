package io.tandem.gpu.internal.lang;

import io.tandem.gpu.KernelException;

/** One text of a kernel (its parameters, body, map expression...) with the label errors name it by. */
public record Source(String part, String text) {

    public KernelException error(int position, String problem) {
        return new KernelException(part, text, position, problem);
    }
}
