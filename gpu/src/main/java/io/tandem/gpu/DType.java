package io.tandem.gpu;

import io.tandem.gpu.internal.lang.Type;

/** The element types of a {@link DeviceArray}, spelled in kernel text as {@code float32} and so on. */
public enum DType {
    FLOAT32(Type.FLOAT32),
    FLOAT64(Type.FLOAT64),
    INT32(Type.INT32),
    INT64(Type.INT64);

    private final Type type;

    DType(Type type) {
        this.type = type;
    }

    /** The kernel-language name: {@code float32}, {@code float64}, {@code int32}, {@code int64}. */
    public String spelling() {
        return type.spelling();
    }

    /** Bytes per element. */
    public int byteSize() {
        return type.bytes();
    }

    /** Whether this is float32 or float64. */
    public boolean isFloat() {
        return type.isFloat();
    }

    Type type() {
        return type;
    }

    static DType of(Type t) {
        for (DType d : values()) {
            if (d.type == t) {
                return d;
            }
        }
        throw new IllegalArgumentException("no array type for " + t.spelling());
    }
}
