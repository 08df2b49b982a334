package io.tandem.gpu.internal.ptx;

import io.tandem.gpu.internal.lang.Type;

/** Numbers virtual registers per PTX class and writes their declarations. */
final class Registers {
    private int pred;
    private int b32;
    private int b64;
    private int f32;
    private int f64;

    String next(Type t) {
        return switch (t) {
            case BOOL -> "%p" + pred++;
            case INT32 -> "%r" + b32++;
            case INT64 -> "%rd" + b64++;
            case FLOAT32 -> "%f" + f32++;
            case FLOAT64 -> "%fd" + f64++;
        };
    }

    /** A 64-bit register for an address or counter. */
    String wide() {
        return "%rd" + b64++;
    }

    /** A 32-bit register for a special-register read. */
    String narrow() {
        return "%r" + b32++;
    }

    String declarations() {
        StringBuilder sb = new StringBuilder();
        declare(sb, ".pred", "%p", pred);
        declare(sb, ".b32", "%r", b32);
        declare(sb, ".b64", "%rd", b64);
        declare(sb, ".f32", "%f", f32);
        declare(sb, ".f64", "%fd", f64);
        return sb.toString();
    }

    private static void declare(StringBuilder sb, String type, String prefix, int count) {
        if (count > 0) {
            sb.append("\t.reg ").append(type).append(' ').append(prefix).append('<').append(count).append(">;\n");
        }
    }
}
