package io.tandem.gpu.internal.ptx;

import io.tandem.gpu.internal.lang.Type;

/** PTX spellings of the language's types and constants. */
final class Ptx {
    private Ptx() {
    }

    /** The instruction type suffix: s32, s64, f32, f64. */
    static String suffix(Type t) {
        return switch (t) {
            case INT32 -> "s32";
            case INT64 -> "s64";
            case FLOAT32 -> "f32";
            case FLOAT64 -> "f64";
            case BOOL -> "pred";
        };
    }

    /** log2 of the element size, for address arithmetic. */
    static int shift(Type t) {
        return t.bytes() == 8 ? 3 : 2;
    }

    /** An immediate: exact hex for floats ({@code 0f3F800000}, {@code 0d3FF0000000000000}). */
    static String immediate(Type t, double f, long l) {
        return switch (t) {
            case FLOAT32 -> String.format("0f%08X", Float.floatToRawIntBits((float) f));
            case FLOAT64 -> String.format("0d%016X", Double.doubleToRawLongBits(f));
            // -9223372036854775808 would be the negation of a literal that overflows int64
            default -> l == Long.MIN_VALUE ? "0x8000000000000000" : Long.toString(l);
        };
    }
}
