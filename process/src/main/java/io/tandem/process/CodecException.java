package io.tandem.process;

import io.tandem.TandemException;

import java.io.Serial;

/**
 * Something could not travel to or from a worker process: a lambda that captured an unserializable
 * value, a result type the codec refuses, bytes that do not decode. The message says what and how to fix
 * it (make the captured class {@link java.io.Serializable}, capture only the values the task needs, or
 * allow the class in the codec's filter).
 */
public final class CodecException extends TandemException {
    @Serial
    private static final long serialVersionUID = 1L;

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
